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

/** GridSearchCV over the real SVC against scikit-learn's GridSearchCV(SVC(), ...) on the same data. */
class SvcSearchTest {
    private static final JsonNode FIXTURE = SelectionFixtures.read("svc_search.json");
    private static final Matrix X = SelectionFixtures.matrix(FIXTURE.get("X"), FIXTURE.get("shape"));
    private static final int[] Y = SelectionFixtures.ints(FIXTURE.get("y"));
    private static final Map<String, List<?>> GRID = Map.of("C", List.of(0.1, 1.0, 10.0),
            "kernel", List.of("rbf", "linear", "poly"));

    @Test
    void svcSearchGivesScikitLearnsScoresAndRanks() {
        for (JsonNode c : FIXTURE.get("cases")) {
            GridSearchCV gs = new GridSearchCV(new SVC(), GRID).cv(3).nJobs(2);
            if (!c.get("scoring").isNull()) {
                gs = gs.scoring(c.get("scoring").asText());
            }
            SearchResult r = gs.fit(X, Y);
            String what = "scoring=" + c.get("scoring");
            assertEquals(SelectionFixtures.paramsList(c.get("params")), r.cvResults().params(), what);
            double[][] want = new double[c.get("split_test_scores").size()][];
            for (int i = 0; i < want.length; i++) {
                want[i] = SelectionFixtures.doubles(c.get("split_test_scores").get(i));
            }
            assertArrayEquals(want, r.cvResults().testScores(), what);
            assertArrayEquals(SelectionFixtures.doubles(c.get("mean_test_score")), r.cvResults().meanTestScore(), what);
            assertArrayEquals(SelectionFixtures.ints(c.get("rank_test_score")), r.cvResults().rankTestScore(), what);
            assertEquals(SelectionFixtures.params(c.get("best_params")), r.bestParams(), what);
            assertTrue(r.bestModel() instanceof Classifier);
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
