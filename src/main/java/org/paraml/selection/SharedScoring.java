package org.paraml.selection;

import java.util.Objects;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.Model;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * A fitted classifier as scikit-learn's named scorers score it in a search: its predictions and its own
 * score on rows of the search's data come from {@link Classifier#predict(Matrix, SharedWork, int[])} and
 * {@link Classifier#score(Matrix, int[], SharedWork, int[])}, which may read what the search shares (an
 * SVC's kernel values) and give the same results; everything else is the model's own. Never handed to a
 * scorer of the caller's own ({@link Scorer#score(Model, Matrix, int[], SharedWork, int[])}).
 */
final class SharedScoring implements Classifier {
    private final Classifier model;
    private final SharedWork work;
    private final int[] trainRows;

    private SharedScoring(Classifier model, SharedWork work, int[] trainRows) {
        this.model = model;
        this.work = work;
        this.trainRows = trainRows;
    }

    /** {@code model} as a search scores it with {@code work}; the model itself when it is no classifier or nothing is shared. */
    static Model of(Model model, SharedWork work, int[] trainRows) {
        Objects.requireNonNull(model, "model");
        return model instanceof Classifier c && work != null ? new SharedScoring(c, work, trainRows) : model;
    }

    @Override
    public int[] classes() {
        return model.classes();
    }

    @Override
    public int[] predict(Matrix x) {
        return model.predict(x, work, trainRows);
    }

    @Override
    public Matrix decisionFunction(Matrix x) {
        return model.decisionFunction(x);
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return model.predictProba(x);
    }

    @Override
    public double score(Matrix x, int[] y) {
        return model.score(x, y, work, trainRows);
    }
}
