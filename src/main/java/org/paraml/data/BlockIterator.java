package org.paraml.data;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.paraml.linalg.Matrix;

/**
 * Walks the blocks of a {@link Blocks} in order on the caller's thread while a prefetch thread reads
 * (or makes) the next {@code max(1, prefetch)} blocks. The block returned by {@link #next()} is valid
 * until the next call to {@code next()} or {@link #close()}: its memory is then reused. At most
 * {@code prefetch + 1} blocks are held at once (fewer when {@link Blocks#maxResidentBytes()} says so).
 *
 * <pre>{@code
 * try (BlockIterator it = blocks.iterator()) {
 *     while (it.hasNext()) {
 *         Block b = it.next();
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class BlockIterator implements Iterator<Block>, AutoCloseable {
    private static final long POLL_MS = 20;

    private record Item(Block block, double[] buffer, Throwable failure) {
    }

    private final Blocks blocks;
    private final BlockSource source;
    private final BufferPool pool;
    private final Semaphore alive;
    private final BlockingQueue<Item> queue;
    private final Thread reader;
    private volatile boolean closed;
    private int delivered;
    private Item current;

    BlockIterator(Blocks blocks) {
        this.blocks = blocks;
        this.source = blocks.source();
        int ahead = Math.max(1, blocks.prefetch());
        int maxAlive = ahead + 1;
        if (!blocks.inMemory()) {
            long perBlock = Math.max(1L, (long) blocks.maxBlockRows() * blocks.cols() * Double.BYTES);
            maxAlive = (int) Math.max(1, Math.min(ahead + 1, blocks.maxResidentBytes() / perBlock));
        }
        this.alive = new Semaphore(maxAlive);
        this.queue = new ArrayBlockingQueue<>(maxAlive + 1);
        this.pool = source.usesScratch() ? blocks.pool(maxAlive) : null;
        this.reader = new Thread(this::readAll, "paraml-blocks-iterator");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            for (int i = 0; i < blocks.numBlocks() && !closed; i++) {
                while (!alive.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        return;
                    }
                }
                double[] buffer = pool == null ? null : pool.take();
                Matrix m;
                try {
                    m = source.read(i, buffer);
                } catch (IOException | RuntimeException | Error e) {
                    release(buffer);
                    throw e;
                }
                if (buffer != null && m.data() != buffer) {
                    pool.give(buffer);
                    buffer = null;
                }
                put(new Item(new Block(i, blocks.firstRow(i), m), buffer, null));
            }
        } catch (Throwable t) {
            try {
                put(new Item(null, null, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Item item) throws InterruptedException {
        while (!queue.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
            if (closed) {
                if (item.buffer() != null) {
                    pool.give(item.buffer());
                }
                return;
            }
        }
    }

    /** True until every block has been returned (or the iterator is closed). */
    @Override
    public boolean hasNext() {
        return !closed && delivered < blocks.numBlocks();
    }

    /** The next block; the previous one becomes invalid. */
    @Override
    public Block next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        releaseCurrent();
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for block " + delivered, e);
        }
        if (item.failure() != null) {
            close();
            BlockPipeline.rethrow(item.failure());
        }
        current = item;
        delivered++;
        return item.block();
    }

    private void releaseCurrent() {
        if (current != null) {
            release(current.buffer());
            current = null;
        }
    }

    private void release(double[] buffer) {
        if (buffer != null) {
            pool.give(buffer);
        }
        alive.release();
    }

    /** Stops the prefetch thread and returns its buffers; idempotent. Does not close the blocks. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseCurrent();
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Item item : queue) {
            if (item.buffer() != null) {
                pool.give(item.buffer());
            }
        }
        queue.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
