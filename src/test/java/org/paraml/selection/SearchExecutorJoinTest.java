package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** How a cancelled executor waits for its threads: to their end, keeping the caller's interrupt. */
class SearchExecutorJoinTest {
    @Test
    void waitsForEveryThreadThroughAnInterruptAndKeepsIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread quick = new Thread(() -> { });
        worker.start();
        quick.start();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            caller.interrupt(); // while the caller waits on the worker
            release.countDown();
        });
        interrupter.start();
        SearchExecutor.joinUninterruptibly(List.of(worker, quick));
        boolean interrupted = Thread.interrupted(); // also clears it for the rest of the test run
        interrupter.join();
        assertFalse(worker.isAlive(), "returns only after every thread has ended");
        assertFalse(quick.isAlive());
        assertTrue(interrupted, "the interrupt that came while waiting is set again");
    }
}
