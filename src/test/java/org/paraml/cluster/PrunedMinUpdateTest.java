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
                Round round = Round.run(ctx, x, earlier, fresh);
                String what = backend.name() + " " + kind + " d=" + features;
                if (kind.equals("separated")) {
                    assertTrue(round.pruned, what + ": separated blobs leave most pairs to skip");
                }
                if (round.pruned) {
                    assertArrayEquals(round.fullCosts, round.costs, what);
                    assertArrayEquals(round.fullNearest, round.nearest, what);
                }
            }
        }
    }

    /**
     * Four clusters of radius ~10⁻⁴ around ±e₁, ±e₂: every group's largest cost is ~5·10⁻⁸ of the squared norms
     * involved. With 12 features that is above the tight-group guard and the update skips (giving the full
     * update's bits); with 300 features the scores' rounding grows with d past the margin, so the guard must keep
     * every candidate and the update declines (a guard fixed at 10⁻⁸ skipped here).
     */
    @org.junit.jupiter.api.Test
    void theTightGroupGuardGrowsWithTheFeatures() {
        for (Backend backend : backends()) {
            for (int features : new int[] {12, 300}) {
                SplittableRandom r = new SplittableRandom(features);
                double sigma = Math.sqrt(1e-7 / (3.0 * features));
                int n = 2000;
                Matrix x = Matrix.zeros(n, features);
                for (int i = 0; i < n; i++) {
                    x.set(i, (i % 4) / 2, i % 2 == 0 ? 1.0 : -1.0);
                    for (int j = 0; j < features; j++) {
                        x.set(i, j, x.get(i, j) + sigma * Math.sqrt(3.0) * (2.0 * r.nextDouble() - 1.0));
                    }
                }
                PassRunner runner = PassRunner.local(Blocks.of(x), 1);
                FitContext ctx = new FitContext(runner, 1, backend, FitContext.translationFor(runner));
                Matrix shifted = ctx.kernels.toShifted(x);
                Matrix earlier = Matrix.zeros(4, features);
                Matrix fresh = Matrix.zeros(40, features);
                for (int j = 0; j < features; j++) {
                    for (int c = 0; c < 4; c++) {
                        earlier.set(c, j, shifted.get(c, j));
                    }
                    for (int c = 0; c < 40; c++) {
                        fresh.set(c, j, shifted.get(4 + 37 * c, j));
                    }
                }
                Round round = Round.run(ctx, x, earlier, fresh);
                String what = backend.name() + " d=" + features;
                if (features == 12) {
                    assertTrue(round.pruned, what + ": groups above the guard skip the other clusters' candidates");
                    assertArrayEquals(round.fullCosts, round.costs, what);
                    assertArrayEquals(round.fullNearest, round.nearest, what);
                } else {
                    assertEquals(false, round.pruned, what + ": groups below the guard keep every candidate");
                    assertArrayEquals(round.before, round.costs, what + ": a declined update changes nothing");
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

    /**
     * One k-means|| round on x: the costs and nearest candidates against {@code earlier} ({@code before}), then
     * {@code fresh} added by the full update ({@code full*}) and by the pruned one ({@code costs}, {@code nearest}).
     */
    private record Round(double[] before, double[] fullCosts, int[] fullNearest, double[] costs, int[] nearest,
                         boolean pruned) {
        static Round run(FitContext ctx, Matrix x, Matrix earlier, Matrix fresh) {
            int n = x.rows();
            int base = earlier.rows();
            int k = fresh.rows();
            double[] costs = new double[n];
            Arrays.fill(costs, Double.POSITIVE_INFINITY);
            int[] nearest = new int[n];
            Arrays.fill(nearest, -1);
            ctx.kernels.updateMin(x, ctx.prepare(earlier), costs, nearest, 0);
            double[] before = costs.clone();
            double[] fullCosts = costs.clone();
            int[] fullNearest = nearest.clone();
            ctx.kernels.updateMin(x, ctx.prepare(fresh), fullCosts, fullNearest, base);
            double[] between = PrunedMinUpdate.candidateDistances(earlier.compact().data(), base,
                    fresh.compact().data(), k, x.cols());
            double[] freshValues = fresh.compact().data();
            boolean pruned = PrunedMinUpdate.update(ctx.kernels, x, earlier.compact().data(), freshValues, k,
                    between, base, costs, nearest, new CandidateSubsets(ctx.kernels.backend(), freshValues, x.cols()));
            return new Round(before, fullCosts, fullNearest, costs, nearest, pruned);
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
