package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paraml.backend.Parallel;
import org.paraml.backend.SmoOps;

/** The pair decision values of many points at once against libsvm's one-point sums. */
class OneVsOneTest {
    /**
     * The last rows of the table have enough sums (rows × support vectors × (k − 1) at least
     * {@code Parallel.MIN_PARALLEL_WORK}) to be split over threads: 203 rows in parts of 104 and 99, 301
     * rows in parts of 76, 76, 76 and 73.
     */
    @ParameterizedTest
    @CsvSource({"2, 0, 40, 2", "2, 1, 40, 2", "2, 3, 40, 2", "2, 4, 40, 2", "2, 9, 40, 2", "3, 5, 40, 2", "4, 8, 40, 2",
            "5, 13, 40, 2", "2, 203, 12000, 2", "3, 301, 3000, 4"})
    void manyPointsAtOnceAreTheOnePointSumsBitForBit(int k, int rows, int perClass, int threads) {
        SplittableRandom rng = new SplittableRandom(31L * k + rows);
        int[] nSupport = new int[k];
        int nsv = 0;
        for (int c = 0; c < k; c++) {
            nSupport[c] = c == 1 ? 0 : 1 + rng.nextInt(perClass); // one class without support vectors
            nsv += nSupport[c];
        }
        double[][] svCoef = new double[k - 1][nsv];
        for (double[] coef : svCoef) {
            for (int s = 0; s < nsv; s++) {
                coef[s] = rng.nextDouble(-10, 10);
            }
        }
        int pairs = OneVsOne.pairs(k);
        double[] rho = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            rho[p] = rng.nextDouble(-1, 1);
        }
        double[] kv = new double[rows * nsv];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = rng.nextDouble(); // values whose sums round differently in another order
        }
        int offset = 3;
        double[] many = new double[offset + rows * pairs];
        if (rows > 100) {
            assertTrue((long) rows * nsv * (k - 1) >= Parallel.MIN_PARALLEL_WORK, "enough sums to split: " + nsv);
        }
        OneVsOne.decisionValues(kv, rows, nsv, nSupport, svCoef, rho, many, offset, threads);

        double[] one = new double[offset + rows * pairs];
        double[] row = new double[nsv];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(kv, r * nsv, row, 0, nsv); // each point's values alone, as libsvm sees them
            OneVsOne.decisionValues(row, 0, nSupport, svCoef, rho, one, offset + r * pairs);
        }
        assertArrayEquals(one, many, 0.0);
        for (int i = 0; i < offset; i++) {
            assertEquals(0.0, many[i], 0.0, "nothing written before the offset");
        }
    }

    /**
     * The decision values a fit computes for its calibration folds, block by block, equal those of
     * one block holding every point, bit for bit, with libsvm's formulas and with the scalar and SIMD backends (whose
     * kernel values are the same interpreted and compiled); within 1e-13 with CUDA.
     */
    @Test
    void decisionValuesInBlocksEqualOneBlock() {
        TestData.Points p = TestData.blobs(150, 3, 3, 1.0, 8L);
        int n = p.y().length;
        int[] rows = new int[n];
        int[] label = new int[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
            label[i] = p.y()[i];
            weight[i] = 1;
        }
        KernelParams kp = new KernelParams(SVC.Kernel.RBF, 0.4, 0.0, 3);
        List<KernelSource> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        sources.add(new PlainKernelSource(kp, p.x()));
        names.add("plain");
        for (String b : TestBackends.names()) {
            sources.add(Kernels.source(kp, p.x(), TestBackends.byName(b), 2));
            names.add(b);
        }
        for (int s = 0; s < sources.size(); s++) {
            KernelSource source = sources.get(s);
            FitContext ctx = new FitContext(source, new SolverSettings(1e-3, true, 200, -1, SmoOps.best()), new SklearnRandom(0), 1);
            RawModel m = OneVsOneTrainer.train(ctx, rows, label, weight, 1.0, c -> 1.0, false);
            int[] points = new int[61];
            for (int i = 0; i < points.length; i++) {
                points[i] = (i * 13) % n;
            }
            // CUDA's blocks of different shapes have not been compared bit for bit on a GPU yet
            double tol = names.get(s).equals("cuda") ? 1e-13 : 0.0;
            double[] whole = OneVsOneTrainer.decisionValues(ctx, m, points, points.length);
            for (int step : new int[] {1, 4, 7, 16}) {
                assertArrayEquals(whole, OneVsOneTrainer.decisionValues(ctx, m, points, step), tol,
                        source + " step " + step);
            }
            assertArrayEquals(whole, OneVsOneTrainer.decisionValues(ctx, m, points), tol, source + " default");
        }
    }
}
