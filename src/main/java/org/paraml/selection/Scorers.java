package org.paraml.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.Model;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;
import org.paraml.selection.ClassificationMetrics.Average;
import org.paraml.selection.ClassificationMetrics.Prf;

/**
 * scikit-learn's named scorers ({@code get_scorer(name)}), with its names, values and errors.
 *
 * <ul>
 *   <li>{@code accuracy}, {@code balanced_accuracy}; {@code f1}, {@code precision}, {@code recall}
 *       (binary, {@code pos_label=1}) and their {@code _macro}, {@code _micro}, {@code _weighted}
 *       averages — from {@link Classifier#predict}; a zero division gives 0, as scikit-learn's
 *       default {@code zero_division="warn"} (without the warning).</li>
 *   <li>{@code roc_auc}: binary folds only, from {@link Classifier#decisionFunction}, or from the
 *       {@link Classifier#predictProba} column of {@code classes()[1]} when the model has no
 *       decision function ({@link UnsupportedOperationException}).</li>
 *   <li>{@code neg_log_loss}: minus {@code log_loss} of {@link Classifier#predictProba}, clipped to
 *       {@code [eps, 1 − eps]} with {@code eps} = 2.22e-16 (float64's machine epsilon, scikit-learn
 *       1.2's {@code eps="auto"}).</li>
 * </ul>
 * A null or absent scoring means the model's own {@link Model#score} ({@link #modelScore()}):
 * accuracy for a classifier, the opposite of the inertia for a clusterer.
 */
public final class Scorers {
    private static final Map<String, Scorer> SCORERS = build();

    private Scorers() {
    }

    private record Named(String name, Scorer scorer, boolean readsProbabilities) implements Scorer {
        @Override
        public double score(Model model, Matrix x, int[] y) {
            return scorer.score(model, x, y);
        }

        @Override
        public double score(Model model, Matrix x, int[] y, SharedWork work, int[] trainRows) {
            return scorer.score(SharedScoring.of(model, work, trainRows), x, y);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<String, Scorer> build() {
        Map<String, Scorer> m = new LinkedHashMap<>();
        m.put("accuracy", (model, x, y) -> ClassificationMetrics.accuracy(y, predict(model, x, "accuracy")));
        m.put("balanced_accuracy", (model, x, y) -> ClassificationMetrics.balancedAccuracy(y,
                predict(model, x, "balanced_accuracy")));
        for (Prf metric : Prf.values()) {
            String base = metric.name().toLowerCase(java.util.Locale.ROOT);
            for (Average average : Average.values()) {
                String name = average == Average.BINARY ? base : base + "_" + average.name().toLowerCase(java.util.Locale.ROOT);
                m.put(name, (model, x, y) -> ClassificationMetrics.prf(metric, average, y, predict(model, x, name)));
            }
        }
        m.put("roc_auc", Scorers::rocAuc);
        m.put("neg_log_loss", Scorers::negLogLoss);
        // only neg_log_loss reads probabilities; roc_auc reads them only from a model without a decision
        // function, and an estimator whose models have one is the kind that can leave them out
        Map<String, Scorer> named = new LinkedHashMap<>();
        m.forEach((k, v) -> named.put(k, new Named(k, v, k.equals("neg_log_loss"))));
        return Map.copyOf(named);
    }

    /**
     * The scorer called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Scorer get(String name) {
        Objects.requireNonNull(name, "scoring");
        Scorer s = SCORERS.get(name);
        if (s == null) {
            StringJoiner j = new StringJoiner(", ");
            names().forEach(n -> j.add("'" + n + "'"));
            throw new IllegalArgumentException("'" + name + "' is not a valid scoring value. Valid options are: " + j + ".");
        }
        return s;
    }

    /** The valid names, sorted ({@code get_scorer_names()} restricted to what ParaML offers). */
    public static List<String> names() {
        return SCORERS.keySet().stream().sorted().toList();
    }

    /** The scorer of a search without {@code scoring}: the model's own {@link Model#score}. */
    public static Scorer modelScore() {
        return MODEL_SCORE;
    }

    /** A model's own score reads no probabilities: a classifier's is the accuracy of its predict. */
    private static final Scorer MODEL_SCORE = new Named("score", Model::score, false);

    private static Classifier classifier(Model model, String scorer) {
        if (model instanceof Classifier c) {
            return c;
        }
        throw new IllegalArgumentException("scoring '" + scorer + "' needs a classifier, but the model is a "
                + model.getClass().getSimpleName() + "; use the model's own score (no scoring)");
    }

    private static int[] predict(Model model, Matrix x, String scorer) {
        return classifier(model, scorer).predict(x);
    }

    private static boolean binary(int[] y) {
        return ClassificationMetrics.union(y, new int[0]).length <= 2;
    }

    private static double rocAuc(Model model, Matrix x, int[] y) {
        Classifier c = classifier(model, "roc_auc");
        if (!binary(y)) {
            throw new IllegalArgumentException("multiclass format is not supported");
        }
        double[] score;
        try {
            Matrix d = c.decisionFunction(x);
            if (d.cols() > 2) {
                throw new IllegalArgumentException("multi_class must be in ('ovo', 'ovr')");
            }
            if (d.cols() != 1) {
                throw new IllegalArgumentException("y should be a 1d array, got an array of shape (" + d.rows()
                        + ", " + d.cols() + ") instead.");
            }
            score = d.column(0);
        } catch (UnsupportedOperationException noDecisionFunction) {
            score = positiveColumn(c.predictProba(x), "roc_auc_score");
        }
        return ClassificationMetrics.rocAuc(y, score);
    }

    /** scikit-learn's {@code _select_proba_binary}: the column of {@code classes()[1]}. */
    private static double[] positiveColumn(Matrix p, String function) {
        if (p.cols() != 2) {
            throw new IllegalArgumentException("Got predict_proba of shape (" + p.rows() + ", " + p.cols()
                    + "), but need classifier with two classes for " + function + " scoring");
        }
        return p.column(1);
    }

    private static double negLogLoss(Model model, Matrix x, int[] y) {
        Classifier c = classifier(model, "neg_log_loss");
        Matrix p = c.predictProba(x);
        double loss;
        if (binary(y) && p.cols() <= 2) {
            double[] pos = positiveColumn(p, "log_loss");
            loss = ClassificationMetrics.logLoss(y, pos, 1);
        } else {
            loss = ClassificationMetrics.logLoss(y, p.compact().data(), p.cols());
        }
        return -1 * loss;
    }
}
