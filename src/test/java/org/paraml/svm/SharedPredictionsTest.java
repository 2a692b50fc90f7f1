package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.SmoOps;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * A search scores an SVC from the float32 kernel values its shared matrix holds ({@link SharedPredictions}):
 * the labels and the accuracy must be exactly those of {@link SVCModel#predict(Matrix)}, for every kernel,
 * two and three classes, on the test rows and the training rows, and a row whose decision value the
 * float32 values cannot sign must be predicted from the float64 values.
 */
class SharedPredictionsTest {
    private static final TestData.Points DATA = TestData.blobs(240, 4, 3, 0.9, 21);

    private static List<SVC> estimators(Backend backend) {
        SVC base = new SVC().backend(backend).randomState(3L);
        return List.of(base.C(1), base.gamma("auto").C(10), base.kernel("poly").gamma(0.4).coef0(1).C(2),
                base.kernel("linear").C(0.05), base.kernel("sigmoid").gamma(0.05).coef0(-0.2).C(0.5),
                base.C(0.001));
    }

    /** The rows of {@code 0..n} not in {@code rows} (ascending). */
    private static int[] complement(int n, int[] rows) {
        boolean[] in = new boolean[n];
        for (int r : rows) {
            in[r] = true;
        }
        return java.util.stream.IntStream.range(0, n).filter(r -> !in[r]).toArray();
    }

    /** The rows grouped by the test sets of {@link SharedKernelTest#fold}'s four folds, as a search lays them out. */
    private static int[] byTestFold(int n) {
        List<int[]> tests = new java.util.ArrayList<>();
        for (int f = 0; f < 4; f++) {
            tests.add(complement(n, SharedKernelTest.fold(n, 4, f)));
        }
        return SharedWork.layoutByTestSet(n, tests);
    }

    /** The data's first class against the other two. */
    private static int[] twoClasses() {
        int[] y = DATA.y().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] == DATA.y()[0] ? 1 : 0;
        }
        return y;
    }

    @Test
    void labelsAndAccuracyAreTheModelsOwn() {
        int n = DATA.y().length;
        int[] twoClasses = twoClasses();
        for (String b : TestBackends.names()) {
            Backend backend = TestBackends.byName(b);
            for (int[] labels : List.of(DATA.y(), twoClasses)) {
              // the data's order (test rows scattered: gathered) and the search's layout by test fold (contiguous)
              for (int[] layout : new int[][] {null, byTestFold(n)}) {
                try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20, layout)) {
                    for (SVC svc : estimators(backend)) {
                        for (int f = 0; f < 3; f++) {
                            int[] train = SharedKernelTest.fold(n, 4, f);
                            int[] test = complement(n, train);
                            SVCModel model = svc.sharing(work).fit(DATA.x().selectRows(train),
                                    SharedKernelTest.labels(labels, train));
                            for (int[] rows : List.of(test, train)) {
                                Matrix x = DATA.x().selectRows(rows);
                                int[] y = SharedKernelTest.labels(labels, rows);
                                String what = b + " " + svc + (layout == null ? "" : " by test fold") + " fold " + f + " on " + rows.length + " rows";
                                assertArrayEquals(model.predict(x), model.predict(x, work, train), what);
                                assertEquals(model.score(x, y), model.score(x, y, work, train), what);
                            }
                        }
                    }
                    assertTrue(work.resourceCount() > 0, "the fits shared their kernel matrices");
                }
              }
            }
        }
    }

    @Test
    void smallBlocksOfRowsGiveTheSameVotes() {
        int n = DATA.y().length;
        for (int[] labels : List.of(DATA.y(), twoClasses())) {
            for (int[] layout : new int[][] {null, byTestFold(n)}) {
                try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20, layout)) {
                    int[] train = SharedKernelTest.fold(n, 4, 1);
                    SVC svc = new SVC().backend(TestBackends.byName("scalar")).C(0.5).randomState(3L).sharing(work);
                    SVCModel m = svc.fit(DATA.x().selectRows(train), SharedKernelTest.labels(labels, train));
                    int[] svRows = new int[m.support().length];
                    for (int s = 0; s < svRows.length; s++) {
                        svRows[s] = train[m.support()[s]];
                    }
                    SharedGram gram = SharedGram.of(work, svc.backend(), Kernels.spec(m.kernelParams()));
                    for (int[] rows : List.of(complement(n, train), train)) {
                        for (SmoOps ops : List.of(SmoOps.scalar(), SmoOps.vector())) {
                            int[] whole = SharedPredictions.votes(gram, ops, rows, svRows, m.nSupport(), m.rawSvCoef(),
                                    m.rho(), 1);
                            assertTrue(java.util.Arrays.stream(whole).filter(v -> v >= 0).count() > rows.length / 2,
                                    "most rows are signed");
                            for (long blockSums : new long[] {1, 7, 64}) {
                                assertArrayEquals(whole, SharedPredictions.votes(gram, ops, rows, svRows, m.nSupport(),
                                        m.rawSvCoef(), m.rho(), 1, blockSums), "blocks of " + blockSums + " sums, "
                                        + rows.length + " rows, " + m.nSupport().length + " classes");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aRowTheFloatValuesCannotSignIsPredictedFromTheExactValues() {
        int n = DATA.y().length;
        int[] labels = twoClasses();
        int[] train = SharedKernelTest.fold(n, 4, 0);
        int[] test = complement(n, train);
        Matrix xTest = DATA.x().selectRows(test);
        try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20)) {
            SVC svc = new SVC().backend(TestBackends.byName("scalar")).C(1).randomState(3L).sharing(work);
            SVCModel m = svc.fit(DATA.x().selectRows(train), SharedKernelTest.labels(labels, train));
            // ρ moved so that test row 5's decision value is the float64 sum's rounding away from 0
            double f5 = -m.decisionFunction(xTest).get(5, 0);
            double[] rho = m.rho();
            rho[0] += f5;
            SVCModel edge = new SVCModel(m.params(), m.gamma(), m.classes(), m.support(), m.supportVectors(),
                    m.nSupport(), m.rawSvCoef(), rho, m.probA(), m.probB(), m.fitStatus(), m.nIter(), m.objective(),
                    m.nSamplesFit(), m.nFeaturesIn());
            int[] svRows = new int[m.support().length];
            for (int s = 0; s < svRows.length; s++) {
                svRows[s] = train[m.support()[s]];
            }
            SharedGram gram = SharedGram.of(work, svc.backend(), Kernels.spec(m.kernelParams()));
            int[] votes = SharedPredictions.votes(gram, SmoOps.scalar(), test, svRows, m.nSupport(), m.rawSvCoef(), rho, 1);
            assertEquals(-1, votes[5], "row 5's sign is left to the exact values");
            long signed = java.util.Arrays.stream(votes).filter(v -> v >= 0).count();
            assertTrue(signed >= test.length - 3, signed + " of " + test.length + " rows signed by the float values");
            assertArrayEquals(edge.predict(xTest), edge.predict(xTest, work, train));
        }
    }

    @Test
    void rowsTheModelWasNotFittedOnAreNotTrusted() {
        int n = DATA.y().length;
        int[] labels = twoClasses();
        int[] train = SharedKernelTest.fold(n, 4, 1);
        int[] wrong = SharedKernelTest.fold(n, 4, 2);
        Matrix x = DATA.x().selectRows(complement(n, train));
        try (SharedWork work = SharedWork.open(DATA.x(), 64L << 20)) {
            SVCModel m = new SVC().backend(TestBackends.byName("scalar")).kernel("linear").randomState(3L).sharing(work)
                    .fit(DATA.x().selectRows(train), SharedKernelTest.labels(labels, train));
            assertArrayEquals(m.predict(x), m.predict(x, work, wrong), "other rows of the same count");
            int[] outside = train.clone();
            for (int i = 0; i < outside.length; i++) {
                outside[i] += n; // past the data's last row
            }
            assertArrayEquals(m.predict(x), m.predict(x, work, outside), "rows outside the data");
        }
    }
}
