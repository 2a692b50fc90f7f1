package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/**
 * A backend that translates rows through a buffer ({@link TranslatedRows}, the default of
 * {@link Backend#lloydStep(Matrix, double[], double[], PreparedMatrix, int[], double[], double[], double[], int)})
 * leaves the caller's sums and counts untouched when one of its pieces fails, so that
 * {@link FallbackBackend} can repeat the whole step on its fallback without counting a row twice.
 */
class TranslatedRowsTest {
    private static final int N = 9001; // three pieces of 4,096 rows at k = 3, d = 4

    @Test
    void aFailingPieceLeavesTheAccumulatorsUntouched() {
        Matrix x = TestData.uniform(5, N, 4);
        double[] shift = {0.5, 0.25, -0.5, 1};
        FlakyBackend flaky = new FlakyBackend(3, false); // prepare, the first piece, then the second fails
        PreparedMatrix centres = flaky.prepare(TestData.uniform(6, 3, 4));
        double[] sums = new double[12];
        Arrays.fill(sums, 2.5);
        double[] counts = {1, 2, 3};
        assertThrows(BackendFailureException.class,
                () -> flaky.lloydStep(x, shift, null, centres, new int[N], new double[N], sums, counts, 1));
        assertEquals(3, flaky.calls.get(), "the second piece was the one that failed");
        double[] untouched = new double[12];
        Arrays.fill(untouched, 2.5);
        assertArrayEquals(untouched, sums, 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, counts, 0.0);
    }

    @Test
    void theFallbackRepeatsTheWholeStepOnce() {
        Matrix x = TestData.uniform(7, N, 4);
        double[] shift = {0.5, 0.25, -0.5, 1};
        ScalarBackend scalar = new ScalarBackend();
        FallbackBackend b = new FallbackBackend(new FlakyBackend(3, false), scalar);
        Matrix c = TestData.uniform(8, 3, 4);
        double[] sums = new double[12];
        double[] counts = new double[3];
        int[] labels = new int[N];
        double inertia = b.lloydStep(x, shift, null, b.prepare(c), labels, new double[N], sums, counts, 1);
        double[] wantSums = new double[12];
        double[] wantCounts = new double[3];
        int[] wantLabels = new int[N];
        double want = scalar.lloydStep(x, shift, null, scalar.prepare(c), wantLabels, new double[N], wantSums,
                wantCounts, 1);
        assertArrayEquals(wantSums, sums, 0.0);
        assertArrayEquals(wantCounts, counts, 0.0);
        assertArrayEquals(wantLabels, labels);
        assertEquals(want, inertia, 0.0);
        assertEquals(N, Arrays.stream(counts).sum(), 0.0, "every row counted once");
    }
}
