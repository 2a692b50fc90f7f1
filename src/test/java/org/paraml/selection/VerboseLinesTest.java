package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerboseLinesTest {
    /** Rebuilds, from the fold times sklearn measured, the exact lines GridSearchCV printed. */
    @Test
    void linesAreByteEqualToScikitLearnsForTheSameTimes() {
        JsonNode f = SelectionFixtures.read("verbose.json");
        List<Map<String, Object>> candidates = SelectionFixtures.paramsList(f.get("candidates"));
        int nSplits = f.get("n_splits").intValue();
        int runs = 0;
        for (JsonNode run : f.get("runs")) {
            int verbose = run.get("verbose").intValue();
            boolean train = run.get("return_train_score").booleanValue();
            List<String> lines = new ArrayList<>();
            lines.add(VerboseLines.fitting(nSplits, candidates.size()));
            int k = 0;
            for (int c = 0; c < candidates.size(); c++) {
                for (int s = 0; s < nSplits; s++, k++) {
                    Map<String, Object> p = candidates.get(c);
                    if (verbose > 9) {
                        lines.add(VerboseLines.start(verbose, p, s, nSplits, c, candidates.size()));
                    }
                    if (verbose > 1) {
                        double score = ((Number) p.get("score_value")).doubleValue();
                        JsonNode t = run.get("times").get(k);
                        lines.add(VerboseLines.end(verbose, p, s, nSplits, c, candidates.size(), score, score, train,
                                t.get("fit_time").doubleValue(), t.get("score_time").doubleValue()));
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            run.get("lines").forEach(l -> expected.add(l.asText()));
            assertEquals(expected, lines, "verbose=" + verbose + " return_train_score=" + train);
            runs++;
        }
        assertEquals(8, runs);
    }

    @Test
    void searchWritesTheLinesThroughItsSink() {
        List<String> lines = new ArrayList<>();
        org.paraml.linalg.Matrix x = org.paraml.linalg.Matrix.of(new double[][] {{0}, {1}, {10}, {11}});
        new GridSearchCV(new org.paraml.estimator.NearestCentroid(), Map.of("shrink", List.of(0.0, 0.5)))
                .cv(2).verbose(3).verboseSink(lines::add).fit(x, new int[] {0, 0, 1, 1});
        assertEquals("Fitting 2 folds for each of 2 candidates, totalling 4 fits", lines.get(0));
        assertEquals(5, lines.size());
        assertEquals(80, lines.get(1).length(), lines.get(1));
        assertEquals("[CV 1/2] END ........................shrink=0.0;, score=1.000 total time=",
                lines.get(1).substring(0, lines.get(1).length() - 7));
    }
}
