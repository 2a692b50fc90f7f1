package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * The k-means|| weights counted from each row's nearest candidate, kept through the cost updates, equal
 * those of a separate pass that searches all the candidates at once (the Lloyd step's labels, ties: the
 * earlier candidate), for every backend, block size and thread count: the candidates, their weights and so
 * the centres are those of the former weighing pass.
 */
class KMeansParallelWeightsTest {

    /** The CPU backends of this JVM: scalar, and simd when the Vector API module is present. */
    static List<Backend> backends() {
        List<Backend> out = new ArrayList<>();
        out.add(Backends.byName("scalar"));
        if (Backends.vectorModulePresent()) {
            out.add(Backends.byName("simd"));
        }
        return out;
    }

    /** Blobs; a copy shifted far from the origin (the fit then translates); duplicated rows (ties). */
    private static Matrix data(int features, boolean far, boolean duplicates) {
        Matrix x = new MakeBlobs().nSamples(9001).centers(7).nFeatures(features).clusterStd(1.5)
                .randomState(features).generate().x();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < features; j++) {
                if (far) {
                    x.set(i, j, x.get(i, j) + 1e4);
                }
                if (duplicates) {
                    x.set(i, j, Math.rint(x.get(i, j)));
                }
            }
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 20, 33})
    void weightsEqualASearchOverAllCandidates(int features) {
        for (Backend backend : backends()) {
            for (boolean far : new boolean[] {false, true}) {
                for (boolean duplicates : new boolean[] {false, true}) {
                    Matrix x = data(features, far, duplicates);
                    for (int blockRows : new int[] {1000, 7777, 0}) {
                        for (int threads = 1; threads <= 2; threads++) {
                            String what = backend.name() + " d=" + features + " far=" + far + " duplicates="
                                    + duplicates + " blockRows=" + blockRows + " threads=" + threads;
                            check(x, backend, blockRows, threads, what);
                        }
                    }
                }
            }
        }
    }

    private static void check(Matrix x, Backend backend, int blockRows, int threads, String what) {
        Blocks blocks = blockRows == 0 ? Blocks.of(x) : Blocks.of(x, blockRows);
        PassRunner runner = PassRunner.local(blocks, threads);
        FitContext ctx = new FitContext(runner, threads, backend, FitContext.translationFor(runner));
        SeedingState state = new SeedingState(ctx, null);
        KMeansParallel.Candidates found = KMeansParallel.candidates(state, 6, 4, 3, new RandomState(11));
        Matrix candidates = found.points();
        assertTrue(candidates.rows() > 30, what + ": " + candidates.rows() + " candidates");
        // the former weighing pass: every row against every candidate, in one Lloyd step
        double[] want = new double[candidates.rows()];
        int[] labels = new int[x.rows()];
        double[] dist = new double[x.rows()];
        ctx.kernels.lloyd(x, ctx.prepare(candidates), labels, dist, null, want);
        assertArrayEquals(want, found.weights(), what);
        assertEquals(x.rows(), java.util.Arrays.stream(found.weights()).sum(), 0.0, what);
        // and the kept costs are the distances to the nearest candidate (up to rounding: the SIMD backend may
        // report a distance from the norms where it is accurate enough, and the two searches differ in that)
        double[] costs = new double[x.rows()];
        runner.scanCosts((first, c, len) -> {
            System.arraycopy(c, 0, costs, (int) first, len);
            return true;
        });
        for (int i = 0; i < x.rows(); i++) {
            assertEquals(dist[i], costs[i], 1e-12 * Math.max(1, dist[i]), what + " row " + i);
        }
    }
}
