package org.paraml.backend;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the numbered tasks {@code 0 .. tasks−1} of one backend call within a thread budget; used by
 * the backends, not by estimators.
 *
 * <p>The calling thread always works: it claims tasks from a shared counter until none are left,
 * while up to {@code threads − 1} helpers from one shared daemon pool (one thread per core, created
 * on first use, idle threads expire) claim from the same counter. A helper that starts after every
 * task is claimed returns at once, so a busy pool (many searches at once) slows a call down but never
 * blocks it, and nothing is ever nested: helpers never submit work. Which thread runs a task never
 * changes what the task computes, so results must not depend on it.
 */
public final class Parallel {
    private Parallel() {
    }

    /**
     * The least work (in multiply-adds, roughly) for which a backend call uses helper threads: waking
     * a helper costs some microseconds, which a call of a few tens of microseconds (one kernel column
     * over 10,000 points with 4 features) would not win back.
     */
    public static final long MIN_PARALLEL_WORK = 1L << 19;

    /** The threads worth using for a call of {@code work} multiply-adds under a budget of {@code threads}. */
    public static int threadsFor(long work, int threads) {
        return work < MIN_PARALLEL_WORK ? 1 : threads;
    }

    /** Number of threads of the shared helper pool: the available processors. */
    public static int poolSize() {
        return Pool.SIZE;
    }

    /**
     * Runs {@code body.accept(t)} once for each {@code t} in {@code [0, tasks)}, using at most
     * {@code threads} threads including the caller, and returns when all have finished. The first
     * exception thrown by a task is rethrown here (after every claimed task has ended); tasks not
     * yet claimed then are skipped.
     */
    public static void forEach(int tasks, int threads, IntConsumer body) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (tasks <= 0) {
            return;
        }
        int helpers = Math.min(Math.min(threads, tasks), Pool.SIZE + 1) - 1;
        if (helpers <= 0) {
            for (int t = 0; t < tasks; t++) {
                body.accept(t);
            }
            return;
        }
        Run run = new Run(tasks, body);
        for (int h = 0; h < helpers; h++) {
            Pool.EXECUTOR.execute(run::work);
        }
        run.work();
        run.awaitAndRethrow();
    }

    /** The shared state of one {@link #forEach} call. */
    private static final class Run {
        private final int tasks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Run(int tasks, IntConsumer body) {
            this.tasks = tasks;
            this.body = body;
            this.finished = new CountDownLatch(tasks);
        }

        void work() {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        body.accept(t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown();
                }
            }
        }

        void awaitAndRethrow() {
            boolean interrupted = false;
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException e) {
                    // helpers are writing into the caller's arrays: wait for them, then restore the flag
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure.get();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The shared daemon pool, created on first use. */
    private static final class Pool {
        static final int SIZE = Math.max(1, Runtime.getRuntime().availableProcessors());
        static final ExecutorService EXECUTOR = create();

        private static ExecutorService create() {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "paraml-backend-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(SIZE, SIZE, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), factory);
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
