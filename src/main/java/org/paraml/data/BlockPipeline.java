package org.paraml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.paraml.linalg.Matrix;

/**
 * The engine of one pass over blocks: {@code threads} compute threads apply a function to blocks, one
 * prefetch thread reads (or makes) the next blocks meanwhile, and the calling thread receives the
 * results in block order.
 *
 * <p><b>Bound on memory.</b> A block holds one of {@code maxAlive} permits from the moment it is claimed
 * for loading until its result has been consumed, so at most {@code maxAlive} blocks (loaded, being
 * computed, or waiting with their result for an earlier block) exist at once. Blocks are claimed in
 * order; a compute thread that finds no prefetched block loads the next one itself, so a costly source
 * (a generator) is read in parallel while a cheap one is read ahead by the prefetch thread.
 */
final class BlockPipeline<R> {
    private static final Object NULL = new Object();

    private record Loaded(int pos, Block block, double[] buffer) {
    }

    private final BlockSource source;
    private final long[] starts;
    private final int[] order;
    private final int threads;
    private final int prefetch;
    private final BufferPool pool;
    private final BlockFunction<R> fn;
    private final BlockResultConsumer<R> consumer;
    private final BlockProgress progress;
    private final String phase;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Loaded> ready = new ArrayDeque<>();
    private final Object[] results;
    private int nextClaim;
    private int permits;
    private int prefetchInFlight;
    private Throwable failure;
    private boolean stopped;

    BlockPipeline(BlockSource source, long[] starts, int[] order, int threads, int prefetch, int maxAlive,
            BufferPool pool, BlockFunction<R> fn, BlockResultConsumer<R> consumer, BlockProgress progress,
            String phase) {
        this.source = source;
        this.starts = starts;
        this.order = order;
        this.threads = threads;
        this.prefetch = source.inMemory() ? 0 : prefetch;
        this.permits = Math.max(1, maxAlive);
        this.pool = pool;
        this.fn = fn;
        this.consumer = consumer;
        this.progress = progress;
        this.phase = phase;
        this.results = new Object[order.length];
    }

    void run() {
        int n = order.length;
        progress.update(phase, 0, n);
        if (n == 0) {
            return;
        }
        if (threads == 1 && source.inMemory()) {
            runInline();
            return;
        }
        List<Thread> started = new ArrayList<>();
        Throwable consumerFailure = null;
        try {
            for (int t = 0; t < threads; t++) {
                started.add(start(this::workerLoop, "w" + t));
            }
            if (prefetch > 0) {
                started.add(start(this::prefetchLoop, "prefetch"));
            }
            deliverAll();
        } catch (Throwable t) {
            consumerFailure = t;
        } finally {
            stopAndJoin(started);
        }
        if (consumerFailure != null) {
            rethrow(consumerFailure);
        }
        if (failure != null) {
            rethrow(failure);
        }
    }

    private void runInline() {
        for (int pos = 0; pos < order.length; pos++) {
            stopIfInterrupted(pos);
            try {
                Loaded item = load(pos);
                consumer.accept(order[pos], fn.apply(item.block()));
            } catch (Exception e) {
                rethrow(e);
            }
            progress.update(phase, pos + 1, order.length);
        }
    }

    /**
     * Ends the pass before block {@code order[pos]} when the calling thread is interrupted: a cancelled search or
     * fit stops within a block, on one thread as on several (whose waits would see it only when a block is late).
     */
    private void stopIfInterrupted(int pos) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("pass over blocks interrupted before block " + order[pos]);
        }
    }

    private Thread start(Runnable body, String role) {
        Thread t = new Thread(body, "paraml-blocks-" + role);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @SuppressWarnings("unchecked")
    private void deliverAll() throws Exception {
        int n = order.length;
        for (int pos = 0; pos < n; pos++) {
            stopIfInterrupted(pos);
            Object r;
            lock.lock();
            try {
                while (results[pos] == null && failure == null) {
                    changed.await();
                }
                if (failure != null) {
                    return;
                }
                r = results[pos];
                results[pos] = null;
            } finally {
                lock.unlock();
            }
            consumer.accept(order[pos], r == NULL ? null : (R) r);
            progress.update(phase, pos + 1, n);
            lock.lock();
            try {
                permits++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void workerLoop() {
        try {
            while (true) {
                Loaded item = null;
                int pos = -1;
                lock.lock();
                try {
                    while (true) {
                        if (stopped || failure != null) {
                            return;
                        }
                        item = ready.pollFirst();
                        if (item != null) {
                            break;
                        }
                        if (nextClaim < order.length && permits > 0) {
                            pos = nextClaim++;
                            permits--;
                            break;
                        }
                        if (nextClaim >= order.length && prefetchInFlight == 0) {
                            return;
                        }
                        changed.await();
                    }
                } finally {
                    lock.unlock();
                }
                if (item == null) {
                    item = load(pos);
                }
                Object r;
                try {
                    r = fn.apply(item.block());
                } finally {
                    pool.give(item.buffer());
                }
                lock.lock();
                try {
                    results[item.pos()] = r == null ? NULL : r;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void prefetchLoop() {
        try {
            while (true) {
                int pos;
                lock.lock();
                try {
                    while (true) {
                        if (stopped || failure != null || nextClaim >= order.length) {
                            return;
                        }
                        if (permits > 0 && ready.size() < prefetch) {
                            pos = nextClaim++;
                            permits--;
                            prefetchInFlight++;
                            break;
                        }
                        changed.await();
                    }
                } finally {
                    lock.unlock();
                }
                Loaded item = null;
                try {
                    item = load(pos);
                } finally {
                    lock.lock();
                    try {
                        prefetchInFlight--;
                        if (item != null && !stopped && failure == null) {
                            ready.addLast(item);
                            item = null;
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    if (item != null) {
                        pool.give(item.buffer());
                    }
                }
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private Loaded load(int pos) throws IOException {
        int index = order[pos];
        double[] buffer = source.usesScratch() ? pool.take() : null;
        Matrix m;
        try {
            m = source.read(index, buffer);
        } catch (IOException | RuntimeException | Error e) {
            pool.give(buffer);
            throw e;
        }
        if (buffer != null && m.data() != buffer) {
            pool.give(buffer);
            buffer = null;
        }
        if (m.rows() != source.blockRows(index) || m.cols() != source.cols()) {
            pool.give(buffer);
            throw new IllegalStateException(source.describe() + ": block " + index + " was read as " + m
                    + ", expected " + source.blockRows(index) + " x " + source.cols());
        }
        return new Loaded(pos, new Block(index, starts[index], m), buffer);
    }

    private void fail(Throwable t) {
        lock.lock();
        try {
            if (failure == null) {
                failure = t;
            } else if (failure != t) {
                failure.addSuppressed(t);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void stopAndJoin(List<Thread> started) {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Loaded item : ready) {
            pool.give(item.buffer());
        }
        ready.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof java.nio.channels.ClosedByInterruptException) {
            // a file read ended by the reading thread's interrupt (whose status stays set): a cancellation,
            // as the same interrupt between two blocks is, not an I/O failure
            CancellationException c = new CancellationException("interrupted while reading blocks");
            c.initCause(t);
            throw c;
        }
        if (t instanceof IOException io) {
            throw new UncheckedIOException(io.getMessage(), io);
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            CancellationException c = new CancellationException("pass over blocks interrupted");
            c.initCause(t);
            throw c;
        }
        throw new IllegalStateException(t.getMessage(), t);
    }
}
