package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.paraml.backend.SmoOps;

/**
 * {@link SmoPartner}: every command gives what the loop gives on the calling thread, whether the
 * partner runs it (spinning, or woken from a park) or the solver runs it itself because the partner
 * had not picked it up; a failure on either thread reaches the solver.
 */
class SmoPartnerTest {
    private static final SmoOps OPS = SmoOps.scalar();

    @Test
    void noPartnerForOneThread() {
        assertNull(SmoPartner.start(OPS, 1));
    }

    @Test
    void splitsOnA64PositionBoundaryNearTheMiddle() {
        assertEquals(0, SmoPartner.split(100));
        assertEquals(2048, SmoPartner.split(4096));
        assertEquals(2496, SmoPartner.split(5000));
    }

    @Test
    void commandsGiveTheCallingThreadsResults() {
        int n = 3000;
        int mid = SmoPartner.split(n);
        SplittableRandom r = new SplittableRandom(7);
        double[] g = new double[n];
        double[] up = new double[n];
        double[] low = new double[n];
        double[] qd = new double[n];
        float[] qi = new float[n];
        float[] qj = new float[n];
        double[] bar = new double[n];
        for (int t = 0; t < n; t++) {
            bar[t] = r.nextDouble(-1, 1);
            g[t] = r.nextDouble(-2, 1);
            up[t] = r.nextInt(3) - 1;
            low[t] = r.nextInt(3) - 1;
            qd[t] = r.nextDouble(0.5, 1.5);
            qi[t] = (float) r.nextDouble(-1, 1);
            qj[t] = (float) r.nextDouble(-1, 1);
        }
        try (SmoPartner partner = SmoPartner.start(OPS, 2)) {
            for (int round = 0; round < 200; round++) {
                // sometimes the solver is slow (the partner claims), sometimes the partner sleeps (the solver claims)
                long pause = round % 3 == 0 ? 100_000 : round % 3 == 1 ? 0 : 200_000_000L / 1000;
                double[] expected = g.clone();
                // G_bar follows column i in some rounds, j in others, both or neither
                boolean barI = round % 4 >= 2;
                boolean barJ = round % 2 == 1;
                double[] expectedBar = bar.clone();
                OPS.updateGradient(expected, qi, 0.5, qj, -0.25, mid, n);
                if (barI) {
                    OPS.addScaled(expectedBar, qi, -0.75, mid, n);
                }
                if (barJ) {
                    OPS.addScaled(expectedBar, qj, 1.5, mid, n);
                }
                int expectedMax = OPS.argmaxUp(expected, up, mid, n);
                partner.postUpdateAndArgmax(g, qi, 0.5, qj, -0.25, bar, barI, -0.75, barJ, 1.5, up, mid, n);
                LockSupport.parkNanos(pause);
                assertEquals(expectedMax, partner.awaitIndex(), "argmax, round " + round);
                assertArrayEquals(expected, g, "gradient, round " + round);
                assertArrayEquals(expectedBar, bar, "G_bar, round " + round);

                double[] res = new double[2];
                int expectedJ = OPS.argminSecondOrder(g, low, qd, qi, 0.3, 1.0, 2.0, 1e-12, mid, n, res);
                partner.postArgmin(g, low, qd, qi, 0.3, 1.0, 2.0, 1e-12, mid, n);
                LockSupport.parkNanos(pause);
                assertEquals(expectedJ, partner.awaitIndex(), "argmin, round " + round);
                assertArrayEquals(res, partner.result(), "argmin values, round " + round);

                double[] v = g.clone();
                double[] w = g.clone();
                OPS.addScaled(v, qj, -0.125, mid, n);
                partner.postAddScaled(w, qj, -0.125, mid, n);
                partner.await();
                assertArrayEquals(v, w, "addScaled, round " + round);
            }
        }
    }

    @Test
    void aColumnsChunksAreEachComputedOnceByWhicheverThreadTakesThem() {
        int n = 20_000;
        int from = 3; // a cached prefix that ends off a chunk boundary
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        AtomicBoolean misplaced = new AtomicBoolean();
        ColumnProvider counting = ranges(n, (position, lo, hi, out, sign) -> {
            if (lo != from && lo % SmoPartner.COLUMN_CHUNK != 0 || hi - lo > SmoPartner.COLUMN_CHUNK) {
                misplaced.set(true);
            }
            for (int k = lo; k < hi; k++) {
                hits.incrementAndGet(k);
                out[k] = sign * (position + k);
            }
        });
        try (SmoPartner partner = SmoPartner.start(OPS, 2)) {
            for (int round = 0; round < 100; round++) {
                float[] out = new float[n];
                partner.postColumn(counting, 7, from, n, out, -1f, null);
                if (round % 2 == 0) {
                    LockSupport.parkNanos(50_000); // let the partner take the first chunks
                }
                partner.columnChunks();
                partner.await();
                for (int k = 0; k < n; k++) {
                    assertEquals(k < from ? 0 : 1, hits.getAndSet(k, 0), "times position " + k + " was computed, round " + round);
                    assertEquals(k < from ? 0f : -(7f + k), out[k], "value at " + k + ", round " + round);
                }
            }
        }
        assertFalse(misplaced.get(), "every chunk starts at the column's start or on a multiple of COLUMN_CHUNK");
    }

    @Test
    void aFailureReachesTheSolverAndThePartnerGoesOn() {
        IllegalStateException boom = new IllegalStateException("kernel failed");
        ColumnProvider failing = rangesBy(() -> {
            throw boom;
        });
        try (SmoPartner partner = SmoPartner.start(OPS, 2)) {
            for (long pause : new long[] {0, 1_000_000}) {
                partner.postColumn(failing, 0, 5, 10, new float[10], 1f, new float[10]);
                LockSupport.parkNanos(pause);
                assertSame(boom, assertThrows(IllegalStateException.class, partner::await));
            }
            // the next command runs normally
            double[] v = new double[8];
            partner.postAddScaled(v, new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 2.0, 4, 8);
            partner.await();
            assertArrayEquals(new double[] {0, 0, 0, 0, 2, 2, 2, 2}, v);
        }
    }

    /**
     * A solver whose own half throws leaves the step without awaiting the partner's half; the solve then releases
     * its column arrays to the pools, so closing the partner must wait until that half has ended.
     */
    @Test
    void closingWaitsForACommandThePartnerIsStillRunning() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        ColumnProvider slow = rangesBy(() -> {
            started.countDown();
            LockSupport.parkNanos(50_000_000);
            ended.set(true);
        });
        SmoPartner partner = SmoPartner.start(OPS, 2);
        partner.postColumn(slow, 0, 5, 10, new float[10], 1f, new float[10]);
        boolean partnerRunsIt;
        try {
            partnerRunsIt = started.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(partnerRunsIt, "the partner picked the command up");
        partner.close(); // no await: as after an exception in the solver's own half
        assertTrue(ended.get(), "close returned only after the partner's half ended");
    }

    /**
     * {@link SmoPartner#close} publishes its stop command and then marks it claimed; a partner spinning for the next
     * command may look in between. It used to claim the stop itself (or miss it, claimed a moment later) and then
     * wait for a command that never comes: its thread stayed parked for good, with the solve's arrays (about one
     * close in 2,500 on a two-core machine). Here the partner meets that state, set up by hand, and must end.
     */
    @Test
    void aPartnerThatSeesTheStopBeforeItIsMarkedClaimedEnds() throws Exception {
        SmoPartner partner = SmoPartner.withoutThread(OPS, System::nanoTime);
        Field stop = SmoPartner.class.getDeclaredField("STOP");
        stop.setAccessible(true);
        Field op = SmoPartner.class.getDeclaredField("op");
        op.setAccessible(true);
        Field posted = SmoPartner.class.getDeclaredField("posted");
        posted.setAccessible(true);
        Field finished = SmoPartner.class.getDeclaredField("finished");
        finished.setAccessible(true);
        // close's state between its two writes: the stop is posted (number 1), not yet marked claimed
        op.setInt(partner, stop.getInt(null));
        int n = ((AtomicInteger) posted.get(partner)).incrementAndGet();

        Method serve = SmoPartner.class.getDeclaredMethod("serve");
        serve.setAccessible(true);
        Thread serving = new Thread(() -> {
            try {
                serve.invoke(partner);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }, "test-smo-partner");
        serving.setDaemon(true); // left parked if the test fails
        serving.start();
        // until the partner's thread ends, or it has run the stop as a command (then it waits for good)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (serving.isAlive() && finished.getInt(partner) != n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        assertFalse(serving.isAlive(), "the partner ended at the stop (it ran it as command " + finished.getInt(partner)
                + " of " + n + ")");
    }

    /** 20 ms of the test's clock. */
    private static final long STALL = 20_000_000;

    /** A clock moved by hand that counts how often it was read. */
    private static final class TestClock implements LongSupplier {
        final AtomicLong now = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public long getAsLong() {
            reads.incrementAndGet();
            return now.get();
        }
    }

    @Test
    void afterAStallOverItsShareOfTheSolveTheSolverRunsAloneUntilTheShareIsBack() {
        TestClock clock = new TestClock();
        try (SmoPartner partner = SmoPartner.start(OPS, 2, clock)) {
            assertTrue(partner.available(), "no stall yet");
            stallOnce(partner, clock);
            long until = (long) (STALL / SmoPartner.LOST_SHARE); // 400 ms after the start
            assertFalse(partner.available(), "alone right after a 20 ms stall at 20 ms");
            clock.now.set(until - 1);
            assertFalse(partner.available(), "alone until the stall is 5% of the solve's time");
            clock.now.set(until);
            assertTrue(partner.available(), "splitting again once it is");
            assertTrue(partner.available(), "and on");
        }
    }

    @Test
    void aStallWithinItsShareOfTheSolveChangesNothing() {
        TestClock clock = new TestClock();
        try (SmoPartner partner = SmoPartner.start(OPS, 2, clock)) {
            clock.now.set(1_000_000_000); // a second into the solve: 20 ms is 2%
            stallOnce(partner, clock);
            assertTrue(partner.available(), "still splitting");
            stallOnce(partner, clock);
            assertTrue(partner.available(), "40 ms of 1.04 s");
            stallOnce(partner, clock);
            assertFalse(partner.available(), "60 ms of 1.06 s is over 5%");
            clock.now.set(1_200_000_000);
            assertTrue(partner.available(), "splitting again at 1.2 s");
        }
    }

    /**
     * A command that the partner (not this thread) holds for {@link #STALL} of the clock while the solver waits
     * for it, as a partner descheduled mid-command would: the clock moves once the solver has read it twice after
     * posting (the post's time, then its wait's start).
     */
    private static void stallOnce(SmoPartner partner, TestClock clock) {
        CountDownLatch claimed = new CountDownLatch(1);
        int readsBefore = clock.reads.get();
        ColumnProvider stalls = rangesBy(() -> {
            claimed.countDown();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (clock.reads.get() < readsBefore + 2 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000);
            }
            clock.now.addAndGet(STALL);
        });
        partner.postColumn(stalls, 0, 5, 10, new float[10], 1f, new float[10]);
        try {
            assertTrue(claimed.await(10, TimeUnit.SECONDS), "the partner picked the command up");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        partner.await();
    }

    @Test
    void whenThePartnerNeverRunsEightCommandsInARowCountAsLost() {
        TestClock clock = new TestClock();
        try (SmoPartner partner = SmoPartner.withoutThread(OPS, clock)) {
            double[] v = new double[8];
            float[] ones = {1, 1, 1, 1, 1, 1, 1, 1};
            clock.now.set(1_000_000); // the first command is posted 1 ms into the solve
            for (int k = 0; k < 8; k++) {
                assertTrue(partner.available(), "command " + k);
                partner.postAddScaled(v, ones, 1.0, 4, 8);
                clock.now.addAndGet(1_000_000); // each takes this thread 1 ms
                partner.await(); // run here: nobody else will
            }
            assertArrayEquals(new double[] {0, 0, 0, 0, 8, 8, 8, 8}, v, "every command ran once");
            // 8 ms lost of 9: alone until 8 ms is 5% of the solve, at 160 ms
            assertFalse(partner.available(), "alone at 9 ms");
            clock.now.set(159_999_999);
            assertFalse(partner.available(), "alone just before 160 ms");
            clock.now.set(160_000_000);
            assertTrue(partner.available(), "splitting again at 160 ms");
        }
    }

    /** A provider of 10 points whose {@code signedColumnRange} runs {@code fill} (and computes nothing). */
    private static ColumnProvider rangesBy(Runnable fill) {
        return ranges(10, (position, lo, hi, out, sign) -> fill.run());
    }

    /** What a test provider's {@code signedColumnRange} does. */
    private interface RangeFill {
        void fill(int position, int lo, int hi, float[] out, float sign);
    }

    /** A provider of {@code size} points whose {@code signedColumnRange} is {@code fill}. */
    private static ColumnProvider ranges(int size, RangeFill fill) {
        return new ColumnProvider() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public double diagonal(int a) {
                return 1;
            }

            @Override
            public void swap(int a, int b) {
            }

            @Override
            public void columns(int[] positions, int count, int len, float[][] out) {
            }

            @Override
            public void signedColumnRange(int position, int from, int to, float[] out, float sign, float[] signs) {
                fill.fill(position, from, to, out, sign);
            }
        };
    }
}
