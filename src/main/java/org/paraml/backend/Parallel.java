package org.paraml.backend;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>Cancellation reaches the helpers: when the caller is interrupted (while it runs a task or waits) or one
 * of its tasks ends in a {@link CancellationException}, the helpers run this call's tasks interrupted from
 * then on, as the caller would: a cancelled search's fit stops within one SMO check interval on every thread
 * instead of waiting for each running training to end, and work that never looks at the flag is done as
 * before. A helper's interrupt status is cleared when it leaves the call, so it never reaches the pool's next
 * task.
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
     * yet claimed then are skipped. An interrupt of the caller interrupts the helpers' running tasks
     * (see the class comment) and is kept in the caller's interrupt status.
     */
    public static void forEach(int tasks, int threads, IntConsumer body) {
        forEach(tasks, threads, body, Pool.EXECUTOR);
    }

    /**
     * {@link #forEach(int, int, IntConsumer)} with its helpers started on {@code pool}. A helper that cannot be
     * started (the pool refuses it, or no native thread can be made) is left out: the caller and the helpers
     * already running share its tasks, so the call neither fails nor returns while a started helper still writes.
     */
    static void forEach(int tasks, int threads, IntConsumer body, Executor pool) {
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
        Run run = new Run(tasks, body, Thread.currentThread());
        for (int h = 0; h < helpers; h++) {
            try {
                pool.execute(run::work);
            } catch (RejectedExecutionException | OutOfMemoryError cannotStart) {
                break; // the tasks are claimed from a counter: those running and the caller do this helper's share
            }
        }
        run.work();
        run.awaitAndRethrow();
    }

    /** The shared state of one {@link #forEach} call. */
    private static final class Run {
        private final int tasks;
        private final IntConsumer body;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The helpers claiming tasks of this call now (guarded by {@code this}). */
        private final Set<Thread> busy = new HashSet<>();
        /** Set once by {@link #cancel}: helpers run this call's tasks interrupted from then on (guarded by this). */
        private boolean cancelled;

        Run(int tasks, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.body = body;
            this.caller = caller;
            this.finished = new CountDownLatch(tasks);
            this.cancelled = caller.isInterrupted(); // before any helper starts: each then runs interrupted
        }

        void work() {
            Thread me = Thread.currentThread();
            boolean helper = me != caller;
            if (helper) {
                enter(me);
            }
            int t = next.getAndIncrement();
            if (helper && t >= tasks) {
                leave(me); // no task left for this helper
            }
            while (t < tasks) {
                try {
                    if (failure.get() == null) {
                        body.accept(t);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    if (!helper && e instanceof CancellationException) {
                        cancel();
                    }
                } finally {
                    if (!helper && me.isInterrupted()) {
                        cancel();
                    }
                    t = next.getAndIncrement();
                    if (helper && t >= tasks) {
                        leave(me); // before the count-down that may end the call
                    }
                    finished.countDown();
                }
            }
        }

        /**
         * Registers a helper about to claim tasks; after {@link #cancel} it runs them interrupted, as the caller
         * would (a solve then stops at once, work that never looks at the flag is done as before).
         */
        private synchronized void enter(Thread helper) {
            busy.add(helper);
            if (cancelled) {
                helper.interrupt();
            }
        }

        /** Unregisters a helper that found no task left and clears an interrupt {@link #cancel} sent it. */
        private synchronized void leave(Thread helper) {
            busy.remove(helper);
            Thread.interrupted();
        }

        /** Interrupts the helpers claiming tasks of this call, and those that join later. */
        private synchronized void cancel() {
            if (!cancelled) {
                cancelled = true;
                for (Thread t : busy) {
                    t.interrupt();
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
                    // helpers are writing into the caller's arrays: stop them, wait, then restore the flag
                    interrupted = true;
                    cancel();
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
