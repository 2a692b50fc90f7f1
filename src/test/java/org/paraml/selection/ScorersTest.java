package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.estimator.Classifier;
import org.paraml.linalg.Matrix;

class ScorersTest {
    /** Fixed outputs, as the fixture script's FixedClassifier. */
    private record Fixed(int[] classes, int[] pred, Matrix dec, Matrix proba) implements Classifier {
        @Override
        public int[] predict(Matrix x) {
            return pred;
        }

        @Override
        public Matrix decisionFunction(Matrix x) {
            if (dec == null) {
                throw new UnsupportedOperationException("'Fixed' object has no attribute 'decision_function'");
            }
            return dec;
        }

        @Override
        public Matrix predictProba(Matrix x) {
            if (proba == null) {
                throw new UnsupportedOperationException("predict_proba is not available when probability=False");
            }
            return proba;
        }
    }

    private static Matrix matrix(JsonNode values, JsonNode shape) {
        if (values.isNull()) {
            return null;
        }
        int rows = shape.get(0).intValue();
        int cols = shape.size() == 1 ? 1 : shape.get(1).intValue();
        return Matrix.wrap(SelectionFixtures.doubles(values), rows, cols);
    }

    @Test
    void scorersEqualScikitLearnsOnFixedPredictions() {
        int compared = 0;
        for (JsonNode c : SelectionFixtures.read("scorers.json").get("cases")) {
            int[] y = SelectionFixtures.ints(c.get("y"));
            Fixed model = new Fixed(SelectionFixtures.ints(c.get("classes")), SelectionFixtures.ints(c.get("pred")),
                    matrix(c.get("dec"), c.get("dec_shape")), matrix(c.get("proba"), c.get("proba_shape")));
            Matrix x = Matrix.zeros(y.length, 1);
            for (Iterator<Map.Entry<String, JsonNode>> it = c.get("scores").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                String what = c.get("name").asText() + " / " + name;
                Scorer scorer = Scorers.get(name);
                JsonNode expected = e.getValue();
                if (expected.has("error")) {
                    String error = expected.get("error").asText();
                    RuntimeException thrown = assertThrows(RuntimeException.class, () -> scorer.score(model, x, y), what);
                    if (error.startsWith("ValueError: ")) {
                        assertTrue(thrown instanceof IllegalArgumentException, what + ": " + thrown);
                        assertEquals(error.substring("ValueError: ".length()), thrown.getMessage(), what);
                    } else {
                        assertTrue(thrown instanceof UnsupportedOperationException, what + ": " + thrown);
                    }
                    continue;
                }
                double want = expected.get("value").doubleValue();
                double got;
                try {
                    got = scorer.score(model, x, y);
                } catch (RuntimeException ex) {
                    throw new AssertionError(what + " threw " + ex, ex);
                }
                if (name.equals("neg_log_loss")) {
                    // Java's log and the C library's may differ in the last bit
                    assertEquals(want, got, 1e-15 * Math.abs(want), what);
                } else if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
                    fail(what + ": expected " + want + " but got " + got);
                }
                compared++;
            }
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    /**
     * A scorer that says it reads no probabilities scores a binary classifier without probabilities (a search fits its
     * fold models without them for such a scorer); only neg_log_loss reads them, as does any scorer of the caller's.
     */
    @Test
    void scorersSayWhetherTheyReadProbabilities() {
        int[] y = {0, 1, 1, 0, 1, 0};
        Matrix dec = Matrix.wrap(new double[] {-1.5, 0.5, 2.0, -0.25, -0.1, -3.0}, 6, 1);
        Fixed noProba = new Fixed(new int[] {0, 1}, new int[] {0, 1, 1, 0, 0, 0}, dec, null);
        for (String name : Scorers.names()) {
            Scorer scorer = Scorers.get(name);
            if (name.equals("neg_log_loss")) {
                assertTrue(scorer.readsProbabilities(), name);
                assertThrows(UnsupportedOperationException.class, () -> scorer.score(noProba, dec, y), name);
            } else {
                assertEquals(false, scorer.readsProbabilities(), name);
                assertTrue(Double.isFinite(scorer.score(noProba, dec, y)), name);
            }
        }
        assertEquals(false, Scorers.modelScore().readsProbabilities());
        Scorer own = (model, x, labels) -> 0.0;
        assertTrue(own.readsProbabilities(), "a scorer that does not say may read them");
    }

    @Test
    void unknownScoringListsTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scorers.get("acuracy"));
        assertTrue(e.getMessage().startsWith("'acuracy' is not a valid scoring value. Valid options are: 'accuracy', "
                + "'balanced_accuracy', 'f1', "), e.getMessage());
        assertTrue(e.getMessage().contains("'roc_auc'") && e.getMessage().contains("'neg_log_loss'"));
        assertEquals(Scorers.names().size(), Scorers.names().stream().distinct().count());
    }

    @Test
    void labelScorersNeedAClassifier() {
        Scorer f1 = Scorers.get("f1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f1.score((x, y) -> 0.0, Matrix.zeros(2, 1), new int[] {0, 1}));
        assertTrue(e.getMessage().contains("needs a classifier"), e.getMessage());
        assertEquals(-3.5, Scorers.modelScore().score((x, y) -> -3.5, Matrix.zeros(1, 1), null));
    }
}
