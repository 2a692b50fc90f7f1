package org.paraml.spark;

import java.io.Serializable;
import org.paraml.selection.Scorer;
import org.paraml.selection.Scorers;

/**
 * A scorer as it travels to executors: scikit-learn's name ({@code "accuracy"}, {@code "roc_auc"}, …, or
 * {@code "score"} for the model's own score), or the scorer itself when it is a custom {@link Serializable}
 * one.
 */
final class ScorerSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String MODEL_SCORE = "score";

    private final String name;
    private final Scorer custom;

    private ScorerSpec(String name, Scorer custom) {
        this.name = name;
        this.custom = custom;
    }

    /**
     * @throws IllegalArgumentException for a custom scorer that is not Serializable
     */
    static ScorerSpec of(Scorer scorer) {
        if (scorer == Scorers.modelScore()) {
            return new ScorerSpec(MODEL_SCORE, null);
        }
        String n = scorer.toString();
        if (Scorers.names().contains(n) && Scorers.get(n) == scorer) {
            return new ScorerSpec(n, null);
        }
        if (scorer instanceof Serializable) {
            return new ScorerSpec(null, scorer);
        }
        throw new IllegalArgumentException("scorer " + n + " cannot run on Spark: use a named scorer (" 
                + String.join(", ", Scorers.names()) + ") or make the custom scorer Serializable");
    }

    /** The scorer on this JVM. */
    Scorer resolve() {
        if (custom != null) {
            return custom;
        }
        return MODEL_SCORE.equals(name) ? Scorers.modelScore() : Scorers.get(name);
    }
}
