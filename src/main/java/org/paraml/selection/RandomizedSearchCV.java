package org.paraml.selection;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paraml.data.RandomState;
import org.paraml.estimator.Estimator;

/**
 * scikit-learn's {@code RandomizedSearchCV}: {@code n_iter} candidates drawn by a
 * {@link ParameterSampler} (the same draws as scikit-learn's for the same {@code random_state}),
 * cross-validated like {@link GridSearchCV}, with the same work left out of fold fits whose probabilities
 * no scorer reads. Values of the space are lists or {@link Distribution}s.
 */
public final class RandomizedSearchCV extends BaseSearchCV<RandomizedSearchCV> {
    private final List<? extends Map<String, ?>> distributions;
    private final int nIter;
    private final Long randomState;

    /** A search over one space: parameter name → list of values or {@link Distribution}. */
    public RandomizedSearchCV(Estimator estimator, Map<String, ?> distributions) {
        this(estimator, List.of(Objects.requireNonNull(distributions, "distributions")));
    }

    /** A search over several spaces, one drawn uniformly for each candidate. */
    public RandomizedSearchCV(Estimator estimator, List<? extends Map<String, ?>> distributions) {
        this(estimator, distributions, 10, null, new SearchSettings());
    }

    private RandomizedSearchCV(Estimator estimator, List<? extends Map<String, ?>> distributions, int nIter,
                               Long randomState, SearchSettings settings) {
        super(estimator, settings);
        new ParameterSampler(distributions, nIter, randomState); // validates
        this.distributions = List.copyOf(distributions);
        this.nIter = nIter;
        this.randomState = randomState;
    }

    @Override
    RandomizedSearchCV with(SearchSettings s) {
        return new RandomizedSearchCV(estimator, distributions, nIter, randomState, s);
    }

    /** {@code n_iter} (default 10). */
    public RandomizedSearchCV nIter(int nIter) {
        return new RandomizedSearchCV(estimator, distributions, nIter, randomState, settings);
    }

    /** {@code random_state}: the seed of the draws, or null (fresh entropy at every fit). */
    public RandomizedSearchCV randomState(Long seed) {
        if (seed != null && (seed < 0 || seed > RandomState.MAX_SEED)) {
            throw new IllegalArgumentException("random_state must be a seed in [0, 2**32 - 1], got " + seed);
        }
        return new RandomizedSearchCV(estimator, distributions, nIter, seed, settings);
    }

    /** {@code n_iter}: the number of candidates to draw (default 10). */
    public int nIter() {
        return nIter;
    }

    /** {@code random_state}: the seed of the draws, or null (fresh entropy at every fit). */
    public Long randomState() {
        return randomState;
    }

    /** The sampler of the candidates. */
    public ParameterSampler sampler() {
        return new ParameterSampler(distributions, nIter, randomState);
    }

    /** The candidates: drawn anew at each call (the same ones when {@code random_state} is set). */
    @Override
    public List<Map<String, Object>> candidates() {
        return sampler().samples();
    }
}
