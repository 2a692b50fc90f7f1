package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.estimator.Classifier;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

/** GridSearchCV over the real SVC against scikit-learn's GridSearchCV(SVC(), ...) on the same data. */
class SvcSearchTest {
    private static final JsonNode FIXTURE = SelectionFixtures.read("svc_search.json");
    private static final Matrix X = SelectionFixtures.matrix(FIXTURE.get("X"), FIXTURE.get("shape"));
    private static final int[] Y = SelectionFixtures.ints(FIXTURE.get("y"));
    private static final Map<String, List<?>> GRID = Map.of("C", List.of(0.1, 1.0, 10.0),
            "kernel", List.of("rbf", "linear", "poly"));
    private static final double TOL = 1e-9;

    /**
     * Every fixture case: SVC() and SVC(probability=True, random_state=0), scored by accuracy, roc_auc and (with
     * probabilities) neg_log_loss. Accuracy and roc_auc scores are ratios that must be equal; the refitted model's
     * sigmoid and probabilities, and log losses, within 1e-9 (as {@code SklearnFixturesTest}). The log losses of
     * C=1, kernel='poly' needed libsvm's {@code powi} for the float64 diagonal (session 19): with {@code Math.pow}
     * one calibration training ended one ulp from a bound at another α and moved that fold's loss by 1.8e-4.
     */
    @Test
    void svcSearchGivesScikitLearnsScoresAndRanks() {
        for (JsonNode c : FIXTURE.get("cases")) {
            boolean probability = c.get("probability").asBoolean();
            SVC svc = probability ? new SVC().probability(true).randomState(0L) : new SVC();
            GridSearchCV gs = new GridSearchCV(svc, GRID).cv(3).nJobs(2);
            if (!c.get("scoring").isNull()) {
                gs = gs.scoring(c.get("scoring").asText());
            }
            SearchResult r = gs.fit(X, Y);
            String what = "probability=" + probability + " scoring=" + c.get("scoring");
            boolean exact = !"neg_log_loss".equals(c.get("scoring").asText());
            double tol = exact ? 0 : TOL;
            assertEquals(SelectionFixtures.paramsList(c.get("params")), r.cvResults().params(), what);
            double[][] got = r.cvResults().testScores();
            for (int i = 0; i < got.length; i++) {
                assertArrayEquals(SelectionFixtures.doubles(c.get("split_test_scores").get(i)), got[i], tol, what);
            }
            assertArrayEquals(SelectionFixtures.doubles(c.get("mean_test_score")), r.cvResults().meanTestScore(), tol,
                    what);
            assertArrayEquals(SelectionFixtures.ints(c.get("rank_test_score")), r.cvResults().rankTestScore(), what);
            assertEquals(SelectionFixtures.params(c.get("best_params")), r.bestParams(), what);
            assertTrue(r.bestModel() instanceof Classifier);
            if (probability) {
                SVCModel best = (SVCModel) r.bestModel();
                assertArrayEquals(SelectionFixtures.doubles(c.get("best_prob_a")), best.probA(), TOL, what + " probA");
                assertArrayEquals(SelectionFixtures.doubles(c.get("best_prob_b")), best.probB(), TOL, what + " probB");
                assertArrayEquals(SelectionFixtures.doubles(c.get("best_predict_proba")),
                        best.predictProba(X.rowRange(0, 10)).data(), TOL, what + " predict_proba");
            }
        }
    }

    @Test
    void negLogLossNeedsProbabilityTrue() {
        SearchResult r = new GridSearchCV(new SVC(), Map.of("probability", List.of(false, true))).cv(3)
                .scoring("neg_log_loss").refit(false).fit(X, Y);
        double[] mean = r.cvResults().meanTestScore();
        assertTrue(Double.isNaN(mean[0]), "probability=False: predict_proba is not available → error_score");
        assertTrue(mean[1] < 0 && mean[1] > -1, "probability=True: " + mean[1]);
        assertEquals(List.of(2, 1), List.of(r.cvResults().rankTestScore()[0], r.cvResults().rankTestScore()[1]));
    }
}
