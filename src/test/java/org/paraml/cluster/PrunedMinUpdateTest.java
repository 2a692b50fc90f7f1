package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.backend.Backend;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.RandomState;
import org.paraml.linalg.Matrix;

/**
 * The k-means|| cost update that skips row–candidate pairs by the triangle inequality gives bit for bit the
 * costs and nearest candidates of the full update, and so the same candidates and weights, on every backend:
 * separated and overlapping blobs, rows far from the origin (translated), rows on candidates (cost 0),
 * duplicated rows (ties), uniform data (little to skip).
 */
class PrunedMinUpdateTest {
    private static List<Backend> backends() {
        return KMeansParallelWeightsTest.backends();
    }

    private static Matrix data(String kind, int features) {
        if (kind.equals("uniform")) {
            SplittableRandom r = new SplittableRandom(features);
            Matrix x = Matrix.zeros(6000, features);
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < features; j++) {
                    x.set(i, j, r.nextDouble());
                }
            }
            return x;
        }
        double std = kind.equals("overlapping") ? 6.0 : 1.0;
        Matrix x = new MakeBlobs().nSamples(7001).centers(9).nFeatures(features).clusterStd(std)
                .randomState(features + 1).generate().x();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < features; j++) {
                double v = x.get(i, j);
                x.set(i, j, switch (kind) {
                    case "far" -> v + 1e5;
                    case "duplicates" -> Math.rint(v);
                    default -> v;
                });
            }
        }
        return x;
    }

    /** One block's update, pruned against full, with the earlier candidates' costs and indices in place. */
    @ParameterizedTest
    @ValueSource(strings = {"separated", "overlapping", "far", "duplicates", "uniform"})
    void aPrunedUpdateEqualsTheFullOne(String kind) {
        for (Backend backend : backends()) {
            for (int features : new int[] {2, 20, 70}) {
                Matrix x = data(kind, features);
                PassRunner runner = PassRunner.local(Blocks.of(x), 1);
                FitContext ctx = new FitContext(runner, 1, backend, FitContext.translationFor(runner));
                Matrix shifted = ctx.kernels.toShifted(x);
                SplittableRandom r = new SplittableRandom(7);
                Matrix earlier = rowsOf(shifted, r, 40);
                Matrix fresh = rowsOf(shifted, r, 60);
                int n = x.rows();
                double[] costs = new double[n];
                Arrays.fill(costs, Double.POSITIVE_INFINITY);
                int[] nearest = new int[n];
                Arrays.fill(nearest, -1);
                ctx.kernels.updateMin(x, ctx.prepare(earlier), costs, nearest, 0);
                double[] fullCosts = costs.clone();
                int[] fullNearest = nearest.clone();
                ctx.kernels.updateMin(x, ctx.prepare(fresh), fullCosts, fullNearest, 40);
                double[] between = PrunedMinUpdate.candidateDistances(earlier.compact().data(), 40,
                        fresh.compact().data(), 60, features);
                boolean pruned = PrunedMinUpdate.update(ctx.kernels, x, earlier.compact().data(), fresh.compact().data(), 60,
                        between, 40, costs, nearest);
                String what = backend.name() + " " + kind + " d=" + features;
                if (kind.equals("separated")) {
                    assertTrue(pruned, what + ": separated blobs leave most pairs to skip");
                }
                if (pruned) {
                    assertArrayEquals(fullCosts, costs, what);
                    assertArrayEquals(fullNearest, nearest, what);
                }
            }
        }
    }

    /** The whole k-means|| seeding: the same candidates, weights and costs with and without skipping. */
    @ParameterizedTest
    @ValueSource(strings = {"separated", "overlapping", "far", "duplicates", "uniform"})
    void seedingGivesTheSameCandidates(String kind) {
        for (Backend backend : backends()) {
            Matrix x = data(kind, 5);
            for (int blockRows : new int[] {999, 0}) {
                double[][] costs = new double[2][];
                KMeansParallel.Candidates[] found = new KMeansParallel.Candidates[2];
                for (int p = 0; p < 2; p++) {
                    Blocks blocks = blockRows == 0 ? Blocks.of(x) : Blocks.of(x, blockRows);
                    PassRunner runner = PassRunner.local(blocks, 2);
                    FitContext ctx = new FitContext(runner, 2, backend, FitContext.translationFor(runner));
                    SeedingState state = new SeedingState(ctx, null);
                    found[p] = KMeansParallel.candidates(state, 9, 3, 5, new RandomState(3), p == 0);
                    double[] c = new double[x.rows()];
                    runner.scanCosts((first, part, len) -> {
                        System.arraycopy(part, 0, c, (int) first, len);
                        return true;
                    });
                    costs[p] = c;
                }
                String what = backend.name() + " " + kind + " blockRows=" + blockRows;
                assertEquals(found[1].points().rows(), found[0].points().rows(), what);
                assertArrayEquals(found[1].points().compact().data(), found[0].points().compact().data(), what);
                assertArrayEquals(found[1].weights(), found[0].weights(), what);
                assertArrayEquals(costs[1], costs[0], what);
            }
        }
    }

    private static Matrix rowsOf(Matrix x, SplittableRandom r, int count) {
        Matrix out = Matrix.zeros(count, x.cols());
        for (int c = 0; c < count; c++) {
            int i = r.nextInt(x.rows());
            for (int j = 0; j < x.cols(); j++) {
                out.set(c, j, x.get(i, j));
            }
        }
        return out;
    }
}
