package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelTest {
    @Test
    void everyTaskRunsExactlyOnce() {
        for (int threads : new int[]{1, 2, 3, 64}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            Parallel.forEach(1000, threads, runs::incrementAndGet);
            for (int t = 0; t < 1000; t++) {
                assertEquals(1, runs.get(t), "task " + t + " with " + threads + " threads");
            }
        }
    }

    @Test
    void oneThreadRunsInTheCaller() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        Parallel.forEach(50, 1, t -> seen.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), seen);
    }

    @Test
    void neverMoreThreadsThanTheBudget() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        Thread caller = Thread.currentThread();
        java.util.concurrent.CountDownLatch callerWorked = new java.util.concurrent.CountDownLatch(1);
        Parallel.forEach(200, 2, t -> {
            seen.add(Thread.currentThread());
            if (Thread.currentThread() == caller) {
                callerWorked.countDown();
            } else {
                // a helper waits (bounded) until the caller has taken a task, so that a fast helper
                // cannot drain the queue before the caller is scheduled: the test checks that the
                // caller takes tasks rather than only waiting, independent of scheduling
                try {
                    callerWorked.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            busy();
        });
        assertTrue(seen.size() <= 2, "used " + seen.size() + " threads");
        assertTrue(seen.contains(caller), "the caller works too");
    }

    @Test
    void theFirstFailureIsRethrownAfterTheOthersEnd() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(100, 4, t -> {
            if (t == 17) {
                throw boom;
            }
        }));
        assertSame(boom, e);
        assertThrows(IllegalArgumentException.class, () -> Parallel.forEach(1, 0, t -> { }));
    }

    @Test
    void manyCallersAtOnceAllFinish() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] f = new Future<?>[32];
            for (int c = 0; c < f.length; c++) {
                f[c] = callers.submit(() -> {
                    AtomicIntegerArray runs = new AtomicIntegerArray(300);
                    Parallel.forEach(300, 4, t -> {
                        busy();
                        runs.incrementAndGet(t);
                    });
                    for (int t = 0; t < 300; t++) {
                        assertEquals(1, runs.get(t));
                    }
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static void busy() {
        double s = 0;
        for (int i = 0; i < 2000; i++) {
            s += Math.sqrt(i);
        }
        if (s < 0) {
            throw new AssertionError();
        }
    }

    @Test
    void smallCallsStayOnTheCallingThread() {
        assertEquals(1, Parallel.threadsFor(Parallel.MIN_PARALLEL_WORK - 1, 8), "below the threshold: one thread");
        assertEquals(8, Parallel.threadsFor(Parallel.MIN_PARALLEL_WORK, 8), "at the threshold: the budget");
        assertEquals(1, Parallel.threadsFor(10_000L * 4, 2), "one 10,000 x 4 kernel column");
        assertEquals(2, Parallel.threadsFor(50_000L * 20, 2), "one 50,000 x 20 kernel column");
    }

    /**
     * A cancelled call reaches its helpers: once the caller is interrupted (having finished its own task) or its
     * task ends in a CancellationException, a helper's running task is interrupted; the helper's interrupt is
     * cleared when the task ends, and the caller keeps its own.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interrupted", "cancelled"})
    void aCancelledCallInterruptsTheHelpersRunningTasks(String how) throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch helperStarted = new CountDownLatch(1);
        AtomicReference<Thread> helper = new AtomicReference<>();
        AtomicBoolean helperInterrupted = new AtomicBoolean();
        try {
            CancellationException e = assertThrows(CancellationException.class, () ->
                    Parallel.forEach(2, 2, t -> {
                        if (Thread.currentThread() == caller) {
                            awaitOrFail(helperStarted);
                            if (how.equals("interrupted")) {
                                caller.interrupt(); // as a search cancelling its fit would
                            } else {
                                throw new CancellationException("the caller's solve stopped");
                            }
                        } else {
                            helper.set(Thread.currentThread());
                            helperStarted.countDown();
                            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                            while (System.nanoTime() < end) {
                                // polled as a solve does, leaving the flag set for Parallel to clear
                                if (Thread.currentThread().isInterrupted()) {
                                    helperInterrupted.set(true);
                                    throw new CancellationException("the helper's solve stopped");
                                }
                                LockSupport.parkNanos(1_000_000);
                            }
                        }
                    }));
            assertTrue(helperInterrupted.get(), how + ": the helper's running task was interrupted");
            assertEquals(how.equals("interrupted") ? "the helper's solve stopped" : "the caller's solve stopped",
                    e.getMessage());
            assertEquals(how.equals("interrupted"), Thread.currentThread().isInterrupted(),
                    "the caller's interrupt status is its own");
            assertFalse(helper.get().isInterrupted(), "the helper's interrupt was cleared when its task ended");
        } finally {
            Thread.interrupted();
        }
    }

    /** A helper that claims a task after the call was cancelled runs it interrupted, as the caller would. */
    @Test
    void aHelperStartsInterruptedOnceTheCallIsCancelled() {
        Thread caller = Thread.currentThread();
        AtomicInteger helperTasksInterrupted = new AtomicInteger();
        AtomicInteger helperTasks = new AtomicInteger();
        CountDownLatch helperRan = new CountDownLatch(1);
        try {
            caller.interrupt();
            Parallel.forEach(400, 2, t -> {
                if (Thread.currentThread() != caller) {
                    helperTasks.incrementAndGet();
                    if (Thread.currentThread().isInterrupted()) {
                        helperTasksInterrupted.incrementAndGet();
                    }
                    helperRan.countDown();
                } else if (helperRan.getCount() > 0) {
                    Thread.interrupted(); // wait for a helper's task (bounded), so that one runs at all
                    awaitOrFail(helperRan);
                    caller.interrupt();
                }
                busy();
            });
            assertTrue(helperTasks.get() > 0, "a helper ran tasks");
            assertTrue(Thread.currentThread().isInterrupted(), "the caller keeps its interrupt");
            assertEquals(helperTasks.get(), helperTasksInterrupted.get(),
                    "every task a helper ran saw the interrupt (work that ignores it is still done)");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * A helper that cannot be started (the first, or any after the first) does not fail the call: the caller and the
     * helpers running do its share, every task runs exactly once, and the call returns only when they have ended.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aHelperThatCannotStartLeavesItsShareToTheOthers(int started) {
        AtomicInteger submitted = new AtomicInteger();
        java.util.concurrent.Executor refusing = r -> {
            if (submitted.getAndIncrement() >= started) {
                throw new java.util.concurrent.RejectedExecutionException("no thread for helper " + submitted.get());
            }
            Thread t = new Thread(r, "test-helper");
            t.setDaemon(true);
            t.start();
        };
        AtomicIntegerArray runs = new AtomicIntegerArray(500);
        Parallel.forEach(500, 3, t -> {
            busy();
            runs.incrementAndGet(t);
        }, refusing);
        for (int t = 0; t < 500; t++) {
            assertEquals(1, runs.get(t), "task " + t + " with " + started + " helper(s) started");
        }
        assertTrue(submitted.get() >= 1, "a helper was asked for");
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS), "a helper started");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
