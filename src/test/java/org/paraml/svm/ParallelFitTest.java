package org.paraml.svm;

import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.ScalarBackend;
import org.paraml.estimator.SharedWork;

/**
 * A fit with a larger thread budget runs probability's five cross-validation trainings and the
 * one-vs-one pairs side by side, and fits exactly the model of the sequential order: the pairs'
 * shuffles are drawn in libsvm's order first. Multi-class and binary, with and without a shared
 * kernel matrix (parallel trainings reading it at once), on every backend and kernel (no kernel value depends on
 * the JIT's state). A single large solve with two threads splits every step's loops and new kernel
 * columns with a second thread ({@link SmoPartner}), and fits the same model too.
 */
class ParallelFitTest {
    @Test
    void threadsDoNotChangeTheModel() {
        TestData.Points three = TestData.blobs(210, 3, 3, 1.0, 31);
        TestData.Points two = TestData.blobs(150, 4, 2, 0.8, 32);
        for (String b : TestBackends.names()) {
            Backend backend = TestBackends.byName(b);
            SVC base = new SVC().backend(backend).probability(true).randomState(5L);
            SVC[] svcs = backend instanceof ScalarBackend
                    ? new SVC[] {base, base.kernel("poly").C(3), base.classWeightBalanced().C(0.3)}
                    : new SVC[] {base, base.kernel("poly").C(3), base.kernel("linear").C(0.2),
                        base.kernel("sigmoid").gamma(0.05).C(0.5)};
            for (SVC svc : svcs) {
                for (TestData.Points p : new TestData.Points[] {three, two}) {
                    SVCModel one = svc.fit(p.x(), p.y());
                    for (int t : new int[] {2, 3, 8}) {
                        SVCModel many = svc.threads(t).fit(p.x(), p.y());
                        SharedKernelTest.assertSameModel(one, many, b + " " + svc + " threads=" + t + " classes="
                                + one.classes().length);
                        try (SharedWork work = SharedWork.open(p.x(), 16L << 20)) {
                            SharedKernelTest.assertSameModel(one, svc.sharing(work).threads(t).fit(p.x(), p.y()),
                                    b + " " + svc + " shared, threads=" + t);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSolveSplitWithASecondThreadFitsTheOneThreadModel() {
        // above SmoPartner.MIN_POSITIONS, so that the binary solve splits its loops
        TestData.Points blobs = TestData.blobs(SmoPartner.MIN_POSITIONS + 904, 4, 2, 2.5, 41);
        // the same points on a coarse grid: many equal points, so equal gradients and objectives tie
        // across the two threads' parts, and the upper part must win as the last of equal values
        double[] coarse = blobs.x().data().clone();
        for (int k = 0; k < coarse.length; k++) {
            coarse[k] = Math.rint(coarse[k]);
        }
        TestData.Points ties = new TestData.Points(org.paraml.linalg.Matrix.wrap(coarse, blobs.x().rows(), 4), blobs.y());
        // 1,000 points of class 0, then 2,000 of class 1 twice: the solver groups the classes, so the
        // copies of a class-1 point sit 2,000 positions apart, most of them one in each thread's part
        int[] rows0 = java.util.stream.IntStream.range(0, blobs.y().length).filter(i -> blobs.y()[i] == 0).limit(1000)
                .toArray();
        int[] rows1 = java.util.stream.IntStream.range(0, blobs.y().length).filter(i -> blobs.y()[i] == 1).limit(2000)
                .toArray();
        int n = rows0.length + 2 * rows1.length;
        double[] twice = new double[n * 4];
        int[] twiceY = new int[n];
        int at = 0;
        for (int[] rows : new int[][] {rows0, rows1, rows1}) {
            for (int i : rows) {
                System.arraycopy(blobs.x().data(), i * 4, twice, at * 4, 4);
                twiceY[at++] = blobs.y()[i];
            }
        }
        TestData.Points copies = new TestData.Points(org.paraml.linalg.Matrix.wrap(twice, n, 4), twiceY);
        for (TestData.Points p : new TestData.Points[] {blobs, ties, copies}) {
            fitsTheOneThreadModel(p);
        }
    }

    private static void fitsTheOneThreadModel(TestData.Points p) {
        for (String b : TestBackends.names()) {
            Backend backend = TestBackends.byName(b);
            SVC base = new SVC().backend(backend).randomState(0L);
            java.util.List<SVC> svcs = new java.util.ArrayList<>(java.util.List.of(
                    base.kernel("poly").gamma(0.5).coef0(1).C(2),
                    base.kernel("linear").C(0.01),                        // most points end at the bound: G_bar updates
                    base.kernel("poly").C(5).shrinking(false).cacheSize(8))); // a cache that evicts and extends columns
            svcs.add(base.C(10));
            svcs.add(base.gamma("auto").C(0.05).cacheSize(8));
            for (SVC svc : svcs) {
                SVCModel one = svc.threads(1).fit(p.x(), p.y());
                SVCModel two = svc.threads(2).fit(p.x(), p.y());
                SharedKernelTest.assertSameModel(one, two, b + " " + svc + " split");
            }
        }
    }
}
