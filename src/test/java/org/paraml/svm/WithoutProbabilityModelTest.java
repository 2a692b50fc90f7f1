package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.backend.ScalarBackend;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.linalg.Matrix;

/**
 * {@link SVC#withoutProbabilityModel()} fits the classifier of {@code probability=true} without its calibration:
 * the same support, dual coefficients, intercepts, decision values and predictions, bit for bit, for every kernel,
 * two and three classes, class weights, one and two threads (on the scalar backend: the SIMD backend's kernel
 * values are the same bits too, see {@code SimdExpDeterminismTest}). A search relies on it to skip the calibration of fold models it only scores.
 */
class WithoutProbabilityModelTest {
    private static final Dataset BINARY = new MakeClassification().nSamples(200).nFeatures(5).randomState(1).generate();
    private static final Dataset THREE = new MakeClassification().nSamples(210).nFeatures(5).nInformative(3)
            .nClasses(3).randomState(2).generate();

    @Test
    void theClassifierIsTheSameBitForBit() {
        for (Dataset data : new Dataset[] {BINARY, THREE}) {
            for (String kernel : new String[] {"rbf", "poly", "linear", "sigmoid"}) {
                for (int threads : new int[] {1, 2}) {
                    SVC withProba = new SVC().kernel(kernel).gamma("auto").C(3.0).probability(true).randomState(7L)
                            .classWeight("balanced").threads(threads).backend(new ScalarBackend());
                    SVC without = withProba.withoutProbabilityModel();
                    String what = kernel + ", " + data.y().length + " rows, threads " + threads;
                    assertEquals(false, without.probability(), what);
                    SVCModel a = withProba.fit(data.x(), data.y());
                    SVCModel b = without.fit(data.x(), data.y());
                    assertArrayEquals(a.support(), b.support(), what + ": support");
                    assertArrayEquals(a.nSupport(), b.nSupport(), what + ": n_support");
                    assertArrayEquals(a.dualCoef().data(), b.dualCoef().data(), what + ": dual_coef");
                    assertArrayEquals(a.intercept(), b.intercept(), what + ": intercept");
                    Matrix probe = data.x().rowRange(0, 50);
                    assertArrayEquals(a.decisionFunction(probe).data(), b.decisionFunction(probe).data(), what);
                    assertArrayEquals(a.predict(data.x()), b.predict(data.x()), what + ": predict");
                    assertEquals(a.score(data.x(), data.y()), b.score(data.x(), data.y()), what + ": score");
                    assertEquals(data == BINARY ? 1 : 3, a.probA().length, what + ": the full fit's sigmoids");
                    assertEquals(0, b.probA().length, what);
                    assertThrows(UnsupportedOperationException.class, () -> b.predictProba(probe), what);
                }
            }
        }
    }

    @Test
    void anSvcWithoutProbabilityIsItself() {
        SVC plain = new SVC().C(2.0);
        assertSame(plain, plain.withoutProbabilityModel());
        SVC proba = plain.probability(true).randomState(3L);
        Map<String, Object> want = new java.util.HashMap<>(proba.getParams());
        want.put("probability", false);
        assertEquals(want, proba.withoutProbabilityModel().getParams(), "only probability changes");
    }
}
