package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.paraml.backend.BackendContractTest.assertMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/** How {@link FallbackBackend} survives a primary that fails in the middle of a fit. */
class FallbackBackendTest {
    private final ScalarBackend scalar = new ScalarBackend();
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger("org.paraml.backend");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
    }

    @Test
    void aWorkingPrimaryDoesEverything() {
        FlakyBackend flaky = new FlakyBackend(0, false);
        FallbackBackend b = new FallbackBackend(flaky, scalar);
        Matrix x = TestData.uniform(1, 30, 4);
        PreparedMatrix p = b.prepare(x);
        double[] got = new double[2 * 30];
        b.kernelRows(KernelSpec.rbf(0.5), p, new int[]{3, 7}, 30, got, 0, 30, 1);
        double[] want = new double[2 * 30];
        scalar.kernelRows(KernelSpec.rbf(0.5), scalar.prepare(x), new int[]{3, 7}, 30, want, 0, 30, 1);
        assertArrayEquals(want, got);
        assertEquals(2, flaky.calls.get());
        assertSame(flaky, b.current());
        assertEquals("flaky", b.name());
        assertTrue(b.failure().isEmpty());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void theRangeFormGoesToTheBackendInUseAndSoDoesItsCost() {
        Matrix x = TestData.uniform(3, 50, 4);
        KernelSpec k = KernelSpec.rbf(0.3);
        int[] rows = {4, 11};
        float[] want = new float[2 * 50];
        java.util.Arrays.fill(want, Float.NaN);
        scalar.kernelRows(k, scalar.prepare(x), rows, 20, 50, want, 0, 50, 1);

        FlakyBackend flaky = new FlakyBackend(0, false);
        FallbackBackend b = new FallbackBackend(flaky, scalar);
        float[] got = new float[2 * 50];
        java.util.Arrays.fill(got, Float.NaN);
        b.kernelRows(k, b.prepare(x), rows, 20, 50, got, 0, 50, 1);
        assertArrayEquals(want, got); // the prefix [0, 20) of each row left as it was
        assertEquals(1, flaky.rangeCalls.get(), "the primary's own range form");
        assertFalse(b.computesRangesAlone(), "the primary computes whole rows for a range");

        FlakyBackend failing = new FlakyBackend(2, false); // prepare, then the range call fails
        FallbackBackend c = new FallbackBackend(failing, scalar);
        float[] again = new float[2 * 50];
        java.util.Arrays.fill(again, Float.NaN);
        c.kernelRows(k, c.prepare(x), rows, 20, 50, again, 0, 50, 1);
        assertArrayEquals(want, again);
        assertSame(scalar, c.current());
        assertTrue(c.computesRangesAlone(), "the fallback computes ranges alone");
    }

    @Test
    void aFailureMidFitRepeatsTheOperationOnTheFallbackAndStaysThere() {
        FlakyBackend flaky = new FlakyBackend(3, false); // prepare, one kernel call, then it fails
        FallbackBackend b = new FallbackBackend(flaky, scalar);
        Matrix x = TestData.uniform(2, 40, 5);
        PreparedMatrix p = b.prepare(x);
        PreparedMatrix ref = scalar.prepare(x);
        KernelSpec k = KernelSpec.poly(0.2, 1.0, 3);
        for (int call = 0; call < 4; call++) {
            float[] got = new float[40];
            float[] want = new float[40];
            b.kernelRows(k, p, new int[]{call}, 40, got, 0, 40, 2);
            scalar.kernelRows(k, ref, new int[]{call}, 40, want, 0, 40, 1);
            assertArrayEquals(want, got, "call " + call);
        }
        assertEquals(3, flaky.calls.get(), "after the failure the primary is not called again");
        assertSame(scalar, b.current());
        assertEquals("scalar", b.name());
        assertTrue(b.failure().orElseThrow().getMessage().contains("flaky kernelRows failed"));
        assertEquals(1, warnings.size(), "one warning");
        String w = warnings.get(0).getMessage();
        assertTrue(w.contains("flaky failed (flaky kernelRows failed (call 3)); continuing on scalar"), w);
        assertTrue(b.toString().contains("in use: scalar"), b.toString());
    }

    @Test
    void runningOutOfMemoryInPrepareSwitchesAtOnce() {
        FallbackBackend b = new FallbackBackend(new FlakyBackend(1, true), scalar);
        Matrix x = TestData.uniform(3, 50, 3);
        PreparedMatrix p = b.prepare(x);
        assertTrue(b.failure().orElseThrow().outOfMemory());
        assertArrayEquals(RowNorms.squared(x), p.squaredNorms());
        assertEquals("scalar", p.backendName());
    }

    @Test
    void accumulatorsAreAddedToOnceWhenTheOperationIsRepeated() {
        Matrix x = TestData.uniform(4, 100, 3);
        Matrix c = TestData.uniform(5, 4, 3);
        FallbackBackend b = new FallbackBackend(new FlakyBackend(3, true), scalar); // fails at lloydStep
        PreparedMatrix pc = b.prepare(c);
        PreparedMatrix px = b.prepare(x);
        double[] sums = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        double[] counts = {1, 1, 1, 1};
        double[] sumsRef = sums.clone();
        double[] countsRef = counts.clone();
        int[] labels = new int[100];
        int[] labelsRef = new int[100];
        double inertia = b.lloydStep(px, null, pc, labels, null, sums, counts, 1);
        double inertiaRef = scalar.lloydStep(x, null, scalar.prepare(c), labelsRef, null, sumsRef, countsRef, 1);
        assertEquals(inertiaRef, inertia, 0.0);
        assertArrayEquals(sumsRef, sums);
        assertArrayEquals(countsRef, counts);
        assertArrayEquals(labelsRef, labels);
        assertTrue(b.failure().isPresent());
    }

    @Test
    void minimumDistanceUpdatesAndBlocksFallBackToo() {
        Matrix x = TestData.uniform(6, 64, 2);
        Matrix c = TestData.uniform(7, 3, 2);
        FallbackBackend b = new FallbackBackend(new FlakyBackend(2, false), scalar);
        PreparedMatrix pc = b.prepare(c);
        double[] minD = new double[64];
        java.util.Arrays.fill(minD, 0.5);
        double[] minRef = minD.clone();
        int[] arg = new int[64];
        int[] argRef = new int[64];
        double cost = b.updateMinDistances(x, pc, minD, arg, 4, 1);
        double costRef = scalar.updateMinDistances(x, scalar.prepare(c), minRef, argRef, 4, 1);
        assertEquals(costRef, cost, 0.0);
        assertArrayEquals(minRef, minD);
        assertArrayEquals(argRef, arg);
        double[] block = new double[3 * 64];
        double[] blockRef = new double[3 * 64];
        b.kernelBlock(KernelSpec.linear(), pc, b.prepare(x), block, 0, 1);
        scalar.kernelBlock(KernelSpec.linear(), scalar.prepare(c), scalar.prepare(x), blockRef, 0, 1);
        assertArrayEquals(blockRef, block);
    }

    @Test
    void badArgumentsAreNotFailures() {
        FlakyBackend flaky = new FlakyBackend(0, false);
        FallbackBackend b = new FallbackBackend(flaky, scalar);
        PreparedMatrix p = b.prepare(TestData.uniform(1, 5, 3));
        assertThrows(IndexOutOfBoundsException.class,
                () -> b.kernelRows(KernelSpec.linear(), p, new int[]{5}, 5, new double[5], 0, 5, 1));
        assertSame(flaky, b.current());
        assertFalse(b.failure().isPresent());
    }

    @Test
    void onlyItsOwnPreparedMatricesAreAccepted() {
        FallbackBackend b = new FallbackBackend(new FlakyBackend(0, false), scalar);
        FallbackBackend other = new FallbackBackend(new FlakyBackend(0, false), scalar);
        PreparedMatrix mine = b.prepare(TestData.uniform(1, 5, 3));
        assertMessage(IllegalArgumentException.class, "x was prepared by the scalar backend; this flaky-then-scalar "
                + "backend needs a matrix from its own prepare(Matrix)", () -> b.kernelRows(KernelSpec.linear(),
                scalar.prepare(TestData.uniform(1, 5, 3)), new int[]{0}, 5, new double[5], 0, 5, 1));
        assertMessage(IllegalArgumentException.class, "b was prepared by the flaky backend",
                () -> b.kernelBlock(KernelSpec.linear(), mine, other.prepare(TestData.uniform(1, 5, 3)),
                        new double[25], 0, 1));
        assertMessage(IllegalArgumentException.class, "different backends", () -> new FallbackBackend(scalar, scalar));
    }
}
