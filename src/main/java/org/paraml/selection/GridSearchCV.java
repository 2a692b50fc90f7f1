package org.paraml.selection;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paraml.estimator.Estimator;

/**
 * scikit-learn's {@code GridSearchCV}: every point of a {@link ParameterGrid}, cross-validated,
 * ranked, and the best refitted on all the data.
 *
 * <pre>{@code
 * SearchResult r = new GridSearchCV(new SVC(), Map.of("C", List.of(0.1, 1.0, 10.0), "kernel", List.of("rbf", "poly")))
 *         .cv(5).nJobs(-1).verbose(2).verboseSink(System.out::println)
 *         .fit(x, y);
 * r.bestParams(); r.bestScore(); r.cvResults().meanTestScore(); r.bestModel();
 * }</pre>
 * Immutable: every setting is a wither returning a copy.
 *
 * <p><b>Work left out.</b> When the scoring reads no probabilities (every named scorer but
 * {@code neg_log_loss}; see {@link Scorer#readsProbabilities()}), the cross-validation fits are the
 * estimator's {@link Estimator#withoutProbabilityModel()}: an {@code SVC(probability=True)} fold model is
 * fitted without its internal 5-fold calibration, which its scores never read. The scores, ranks,
 * best parameters and the refitted model (with its probabilities) are those of scikit-learn; the
 * {@code mean_fit_time} of such folds is that of the classifier alone, and a calibration training that
 * would have stopped at {@code max_iter} no longer logs its warning.
 */
public final class GridSearchCV extends BaseSearchCV<GridSearchCV> {
    private final ParameterGrid grid;

    /** A search over one grid: parameter name → values. */
    public GridSearchCV(Estimator estimator, Map<String, ? extends List<?>> paramGrid) {
        this(estimator, new ParameterGrid(paramGrid));
    }

    /** A search over a list of grids, one after the other. */
    public GridSearchCV(Estimator estimator, List<? extends Map<String, ? extends List<?>>> paramGrids) {
        this(estimator, new ParameterGrid(paramGrids));
    }

    /** A search over the points of {@code grid} (scikit-learn's {@code param_grid}). */
    public GridSearchCV(Estimator estimator, ParameterGrid grid) {
        this(estimator, Objects.requireNonNull(grid, "grid"), new SearchSettings());
    }

    private GridSearchCV(Estimator estimator, ParameterGrid grid, SearchSettings settings) {
        super(estimator, settings);
        this.grid = grid;
    }

    @Override
    GridSearchCV with(SearchSettings s) {
        return new GridSearchCV(estimator, grid, s);
    }

    /** {@code param_grid}. */
    public ParameterGrid paramGrid() {
        return grid;
    }

    @Override
    public List<Map<String, Object>> candidates() {
        return grid.toList();
    }
}
