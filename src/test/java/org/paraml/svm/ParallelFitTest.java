package org.paraml.svm;

import org.junit.jupiter.api.Test;
import org.paraml.backend.Backend;
import org.paraml.backend.ScalarBackend;
import org.paraml.estimator.SharedWork;

/**
 * A fit with a larger thread budget runs probability's five cross-validation trainings and the
 * one-vs-one pairs side by side, and fits exactly the model of the sequential order: the pairs'
 * shuffles are drawn in libsvm's order first. Multi-class and binary, with and without a shared
 * kernel matrix (parallel trainings reading it at once), on kernels whose values do not depend on
 * the JIT's state.
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
                    : new SVC[] {base.kernel("poly").C(3), base.kernel("linear").C(0.2)};
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
}
