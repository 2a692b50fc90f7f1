package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/** The estimator's parameters: scikit-learn's names and defaults, immutable withers, the map view. */
class SvcParamsTest {
    @Test
    void defaultsAreScikitLearns() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("C", 1.0);
        expected.put("break_ties", false);
        expected.put("cache_size", 200.0);
        expected.put("class_weight", null);
        expected.put("coef0", 0.0);
        expected.put("decision_function_shape", "ovr");
        expected.put("degree", 3);
        expected.put("gamma", "scale");
        expected.put("kernel", "rbf");
        expected.put("max_iter", -1);
        expected.put("probability", false);
        expected.put("random_state", null);
        expected.put("shrinking", true);
        expected.put("tol", 1e-3);
        expected.put("verbose", false);
        Map<String, Object> p = new SVC().getParams();
        assertEquals(expected, p);
        assertEquals(List.of("C", "break_ties", "cache_size", "class_weight", "coef0", "decision_function_shape",
                "degree", "gamma", "kernel", "max_iter", "probability", "random_state", "shrinking", "tol", "verbose"),
                new ArrayList<>(p.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.put("C", 2.0));
        assertEquals("SVC()", new SVC().toString());
    }

    @Test
    void withersReturnModifiedCopies() {
        SVC a = new SVC();
        SVC b = a.C(10).kernel("poly").degree(2).gamma("auto").coef0(1).shrinking(false).probability(true).tol(1e-4)
                .cacheSize(50).classWeightBalanced().maxIter(100).decisionFunctionShape("ovo").breakTies(false)
                .randomState(7L).verbose(true);
        assertEquals(new SVC(), a);
        assertEquals(10.0, b.c());
        assertSame(SVC.Kernel.POLY, b.kernel());
        assertEquals(2, b.degree());
        assertEquals("auto", b.gamma());
        assertEquals(1.0, b.coef0());
        assertEquals(false, b.shrinking());
        assertEquals(true, b.probability());
        assertEquals(1e-4, b.tol());
        assertEquals(50.0, b.cacheSize());
        assertEquals("balanced", b.classWeight());
        assertEquals(100, b.maxIter());
        assertSame(SVC.DecisionFunctionShape.OVO, b.decisionFunctionShape());
        assertEquals(7L, b.randomState());
        assertEquals(0.5, a.gamma(0.5).gamma());
        assertNull(b.classWeight((String) null).classWeight());
        assertEquals("SVC(C=10.0, cache_size=50.0, class_weight='balanced', coef0=1.0, decision_function_shape='ovo', "
                + "degree=2, gamma='auto', kernel='poly', max_iter=100, probability=True, random_state=7, "
                + "shrinking=False, tol=1.0E-4, verbose=True)", b.toString());
    }

    @Test
    void paramsRoundTripAndGridStyleUpdates() {
        SVC b = new SVC().C(3).kernel("sigmoid").classWeight(Map.of(1, 2.0)).randomState(4294967295L);
        assertEquals(b, new SVC().withParams(b.getParams()));
        Map<String, Object> grid = new HashMap<>();
        grid.put("C", 5);              // an Integer, as a grid may hold
        grid.put("kernel", "linear");
        grid.put("gamma", 0.25);
        grid.put("class_weight", Map.of(0, 3));
        grid.put("random_state", 0);
        SVC c = b.withParams(grid);
        assertEquals(5.0, c.c());
        assertSame(SVC.Kernel.LINEAR, c.kernel());
        assertEquals(0.25, c.gamma());
        assertEquals(Map.of(0, 3.0), c.classWeight());
        assertEquals(0L, c.randomState());
        assertNotEquals(b, c);
        assertEquals(3.0, b.c(), "the original is unchanged");
    }

    @Test
    void fittedModelIsSafeToShareBetweenThreads() throws Exception {
        TestData.Points p = TestData.blobs(200, 3, 3, 1.5, 12);
        SVCModel m = new SVC().probability(true).randomState(1L).threads(2).fit(p.x(), p.y());
        Matrix probe = TestData.blobs(300, 3, 3, 1.5, 13).x();
        Matrix expectedDec = m.decisionFunction(probe);
        Matrix expectedProba = m.predictProba(probe);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> sameValues(m.decisionFunction(probe), expectedDec)
                        && sameValues(m.predictProba(probe), expectedProba)));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
        // accessors hand out copies
        m.support()[0] = -1;
        m.intercept()[0] = 42;
        assertTrue(m.support()[0] >= 0);
        assertNotEquals(42.0, m.intercept()[0]);
    }

    /** Equal bit for bit: a race would differ, and no backend's kernel values depend on the JIT's state. */
    static boolean sameValues(Matrix a, Matrix b) {
        return java.util.Arrays.equals(a.data(), b.data());
    }

    @Test
    void threadBudgetDoesNotChangeTheModel() {
        TestData.Points p = TestData.blobs(400, 4, 2, 0.8, 14);
        SVCModel one = new SVC().C(5).fit(p.x(), p.y());
        SVCModel four = new SVC().C(5).threads(4).fit(p.x(), p.y());
        assertTrue(sameValues(one.dualCoef(), four.dualCoef()));
        assertEquals(one.intercept()[0], four.intercept()[0], 0.0);
        assertEquals(one.objective()[0], four.objective()[0], 0.0);
        assertArrayEquals(one.support(), four.support());
    }

    @Test
    void sameSeedSameProbabilities() {
        TestData.Points p = TestData.blobs(120, 2, 3, 1.0, 15);
        SVCModel a = new SVC().probability(true).randomState(9L).fit(p.x(), p.y());
        SVCModel b = new SVC().probability(true).randomState(9L).fit(p.x(), p.y());
        assertArrayEquals(a.probA(), b.probA());
        assertArrayEquals(a.probB(), b.probB());
        SVCModel c = new SVC().probability(true).randomState(10L).fit(p.x(), p.y());
        assertTrue(Math.abs(a.probA()[0] - c.probA()[0]) > 1e-9, "another seed, another shuffle");
    }

    @Test
    void aFitUsesAllCoresByDefault() {
        assertEquals(Runtime.getRuntime().availableProcessors(), new SVC().threads());
        assertEquals(1, new SVC().threads(1).threads());
        assertThrows(IllegalArgumentException.class, () -> new SVC().threads(0));
    }
}
