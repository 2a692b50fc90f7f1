package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.linalg.Matrix;

/**
 * The Dask-ML tutorial's SVC: {@code make_classification(n_samples=10000, n_features=4,
 * random_state=0)} and {@code SVC(random_state=0)} give scikit-learn 1.2's model
 * ({@code fixtures/svc/tutorial.json}): n_support [1316, 1312], training accuracy 0.905, the same
 * SMO iteration count, intercept and decision values within 1e-9; with {@code probability=True},
 * Platt's A and B and the probabilities within 1e-9.
 */
class TutorialTest {
    private static final JsonNode T = SklearnFixturesTest.load("/fixtures/svc/tutorial.json");

    private static Dataset tutorialData() {
        Dataset d = new MakeClassification().nSamples(10000).nFeatures(4).randomState(0).generate();
        Matrix x = d.x();
        int[] y = d.y();
        double sum = 0;
        double abs = 0;
        for (double v : x.data()) {
            sum += v;
            abs += Math.abs(v);
        }
        assertEquals(T.get("X_abs_checksum").asDouble(), abs, 1e-9 * abs, "the tutorial's X");
        assertEquals(T.get("X_checksum").asDouble(), sum, 1e-6, "the tutorial's X");
        assertEquals(T.get("y_sum").asInt(), java.util.Arrays.stream(y).sum(), "the tutorial's y");
        return d;
    }

    /**
     * The tutorial grid's {@code SVC(C=10, kernel='poly', gamma='auto')}: a 48,781-step solve whose end point
     * depends on the last bit of the float64 diagonal, so it matches scikit-learn's only with libsvm's {@code powi}
     * (with {@link Math#pow} it took 52,401 steps to another intercept, -0.412444, until session 19): the same
     * steps and support, the intercept within 1e-12 (equal on this project's machines).
     */
    @Test
    void tutorialPolyFitTakesScikitLearnsSteps() {
        JsonNode p = SklearnFixturesTest.load("/fixtures/svc/tutorial_poly.json");
        Dataset d = tutorialData();
        SVCModel m = new SVC().C(10.0).kernel("poly").gamma("auto").fit(d.x(), d.y());
        assertArrayEquals(SklearnFixturesTest.ints(p.get("n_iter")), m.nIter(), "n_iter");
        assertArrayEquals(SklearnFixturesTest.ints(p.get("n_support")), m.nSupport(), "n_support");
        SklearnFixturesTest.assertClose(SklearnFixturesTest.doubles(p.get("intercept")), m.intercept(), 1e-12, "intercept");
        int[] head = SklearnFixturesTest.ints(p.get("support_head"));
        assertArrayEquals(head, java.util.Arrays.copyOf(m.support(), head.length), "support[:50]");
        double[] dualHead = SklearnFixturesTest.doubles(p.get("dual_coef_head"));
        SklearnFixturesTest.assertClose(dualHead, java.util.Arrays.copyOf(m.dualCoef().row(0), dualHead.length), 1e-12,
                "dual_coef[0, :50]");
        Matrix probe = d.x().selectRows(SklearnFixturesTest.ints(p.get("probe_rows")));
        SklearnFixturesTest.assertClose(p.get("probe_decision_function"), m.decisionFunction(probe), 1e-9,
                "decision_function");
    }

    @Test
    void tutorialSvcMatchesScikitLearn() {
        Dataset d = tutorialData();
        Matrix x = d.x();
        int[] y = d.y();
        SVCModel m = new SVC().randomState(0L).fit(x, y);

        assertArrayEquals(new int[] {1316, 1312}, m.nSupport(), "n_support");
        assertArrayEquals(SklearnFixturesTest.ints(T.get("n_support")), m.nSupport(), "n_support");
        assertEquals(0.905, m.score(x, y), 0.0, "accuracy");
        assertEquals(T.get("gamma").asDouble(), m.gamma(), 0.0, "gamma");
        assertArrayEquals(SklearnFixturesTest.ints(T.get("n_iter")), m.nIter(), "n_iter");
        SklearnFixturesTest.assertClose(SklearnFixturesTest.doubles(T.get("intercept")), m.intercept(), 1e-9,
                "intercept");
        int[] head = SklearnFixturesTest.ints(T.get("support_head"));
        assertArrayEquals(head, java.util.Arrays.copyOf(m.support(), head.length), "support[:50]");
        double[] dualHead = SklearnFixturesTest.doubles(T.get("dual_coef_head"));
        SklearnFixturesTest.assertClose(dualHead, java.util.Arrays.copyOf(m.dualCoef().row(0), dualHead.length), 1e-9,
                "dual_coef[0, :50]");
        Matrix probe = x.selectRows(SklearnFixturesTest.ints(T.get("probe_rows")));
        SklearnFixturesTest.assertClose(T.get("probe_decision_function"), m.decisionFunction(probe), 1e-9,
                "decision_function");
    }

    @Test
    void tutorialProbabilitiesMatchScikitLearn() {
        Dataset d = tutorialData();
        JsonNode p = T.get("proba");
        SVCModel m = new SVC().randomState(0L).probability(true).fit(d.x(), d.y());
        assertArrayEquals(SklearnFixturesTest.ints(p.get("n_support")), m.nSupport(), "n_support");
        SklearnFixturesTest.assertClose(SklearnFixturesTest.doubles(p.get("probA")), m.probA(), 1e-9, "probA");
        SklearnFixturesTest.assertClose(SklearnFixturesTest.doubles(p.get("probB")), m.probB(), 1e-9, "probB");
        Matrix probe = d.x().selectRows(SklearnFixturesTest.ints(T.get("probe_rows")));
        SklearnFixturesTest.assertClose(p.get("probe_predict_proba"), m.predictProba(probe), 1e-9, "predict_proba");
    }
}
