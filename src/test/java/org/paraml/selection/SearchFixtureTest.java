package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.estimator.NearestCentroid;
import org.paraml.linalg.Matrix;

/** A whole GridSearchCV against scikit-learn's cv_results_ for the same classifier, data and folds. */
class SearchFixtureTest {
    private static CrossValidator cv(String repr) {
        return switch (repr) {
            case "StratifiedKFold(n_splits=3, random_state=0, shuffle=True)" -> new StratifiedKFold(3, true, 0L);
            case "KFold(n_splits=4, random_state=None, shuffle=False)" -> new KFold(4);
            case "StratifiedKFold(n_splits=5, random_state=None, shuffle=False)" -> new StratifiedKFold(5);
            default -> throw new IllegalArgumentException(repr);
        };
    }

    @Test
    void cvResultsEqualScikitLearnsBitForBit() {
        JsonNode f = SelectionFixtures.read("search.json");
        Matrix x = SelectionFixtures.matrix(f.get("X"), f.get("shape"));
        int[] y = SelectionFixtures.ints(f.get("y"));
        for (JsonNode c : f.get("cases")) {
            CrossValidator cv = cv(c.get("cv").asText());
            assertEquals(c.get("cv").asText(), cv.toString());
            List<Split> splits = cv.split(x.rows(), y);
            for (int s = 0; s < splits.size(); s++) {
                assertArrayEquals(SelectionFixtures.ints(c.get("test_folds").get(s)), splits.get(s).test());
            }
            GridSearchCV gs = new GridSearchCV(new NearestCentroid(),
                    Map.of("shrink", List.of(0.0, 0.25, 0.5, 0.9, 0.95, 1.0), "fail_above", List.of(0.9)))
                    .cv(cv).returnTrainScore(true).nJobs(2);
            if (!c.get("scoring").isNull()) {
                gs = gs.scoring(c.get("scoring").asText());
            }
            SearchResult r = gs.fit(x, y);
            Map<String, Object> map = r.cvResults().asMap();
            List<String> keys = new ArrayList<>();
            c.get("keys").forEach(k -> keys.add(k.asText()));
            assertEquals(keys, List.copyOf(map.keySet()), "sklearn's keys in sklearn's order");
            JsonNode res = c.get("results");
            for (String k : keys) {
                if (k.endsWith("_time") || k.startsWith("param_")) {
                    continue;
                }
                if (k.equals("params")) {
                    assertEquals(SelectionFixtures.paramsList(res.get("params")), map.get("params"));
                } else if (k.equals("rank_test_score")) {
                    assertArrayEquals(SelectionFixtures.ints(res.get(k)), (int[]) map.get(k), k);
                } else {
                    double[] want = SelectionFixtures.doubles(res.get(k));
                    double[] got = (double[]) map.get(k);
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]),
                                c.get("scoring") + " " + k + "[" + i + "]: " + want[i] + " vs " + got[i]);
                    }
                }
            }
            assertEquals(c.get("best_index").intValue(), r.bestIndex());
            assertEquals(c.get("best_score").doubleValue(), r.bestScore());
            assertEquals(2 * cv.nSplits(), r.fitFailures().size());
            assertTrue(r.fitFailures().get(0).message().contains("shrink=0.95 is above fail_above=0.9"),
                    r.fitFailures().get(0).message());
            assertEquals(List.of(0.9, 0.9, 0.9, 0.9, 0.9, 0.9), map.get("param_fail_above"));
        }
    }
}
