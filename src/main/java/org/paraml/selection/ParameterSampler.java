package org.paraml.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.paraml.data.RandomState;
import org.paraml.data.SampleWithoutReplacement;

/**
 * scikit-learn's {@code ParameterSampler}: {@code nIter} parameter sets drawn from lists and
 * {@link Distribution}s, with scikit-learn's draws for the same seed.
 *
 * <ul>
 *   <li>When every value is a list, the sets are drawn <em>without replacement</em> from the
 *       {@link ParameterGrid} of the lists ({@code sample_without_replacement} of the grid's
 *       indices); a grid smaller than {@code nIter} gives all its points, with a warning.</li>
 *   <li>Otherwise each set picks one of the dictionaries ({@code rng.choice}), then, key by key in
 *       sorted order, draws each distribution or picks a list element with {@code rng.randint(len)}.</li>
 * </ul>
 * The values of the map given for a parameter are a {@link List} or a {@link Distribution}.
 */
public final class ParameterSampler {
    private static final System.Logger LOG = System.getLogger(ParameterSampler.class.getName());

    private final List<Map<String, Object>> spaces;
    private final int nIter;
    private final Long randomState;

    /** One space: parameter name → a {@link List} of values or a {@link Distribution}. */
    public ParameterSampler(Map<String, ?> space, int nIter, Long randomState) {
        this(List.of(Objects.requireNonNull(space, "space")), nIter, randomState);
    }

    /**
     * Several spaces, one chosen uniformly for each draw.
     *
     * @param randomState the seed of the draws ({@code RandomState(seed)}), or null for fresh entropy
     *                    at each {@link #samples()}
     */
    public ParameterSampler(List<? extends Map<String, ?>> spaces, int nIter, Long randomState) {
        Objects.requireNonNull(spaces, "spaces");
        if (nIter < 1) {
            throw new IllegalArgumentException("The 'n_iter' parameter must be an int in the range [1, inf). Got "
                    + nIter + " instead.");
        }
        if (randomState != null && (randomState < 0 || randomState > RandomState.MAX_SEED)) {
            throw new IllegalArgumentException("random_state must be a seed in [0, 2**32 - 1], got " + randomState);
        }
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, ?> space : spaces) {
            Objects.requireNonNull(space, "a space of the list is null");
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, ?> e : space.entrySet()) {
                Object v = e.getValue();
                if (v instanceof List<?> list) {
                    if (list.isEmpty()) {
                        throw new IllegalArgumentException("Parameter grid for parameter '" + e.getKey()
                                + "' need to be a non-empty sequence, got: []");
                    }
                    list.forEach(x -> ParameterValues.check(e.getKey(), x));
                    sorted.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(list)));
                } else if (v instanceof Distribution) {
                    sorted.put(e.getKey(), v);
                } else {
                    throw new IllegalArgumentException("Parameter grid for parameter '" + e.getKey()
                            + "' is not iterable or a distribution (value=" + v + ")");
                }
            }
            copy.add(Collections.unmodifiableMap(sorted));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the parameter space is an empty list");
        }
        this.spaces = List.copyOf(copy);
        this.nIter = nIter;
        this.randomState = randomState;
    }

    private boolean allLists() {
        return spaces.stream().allMatch(s -> s.values().stream().allMatch(v -> v instanceof List));
    }

    @SuppressWarnings("unchecked")
    private ParameterGrid grid() {
        List<Map<String, List<?>>> grids = new ArrayList<>();
        for (Map<String, Object> s : spaces) {
            Map<String, List<?>> g = new LinkedHashMap<>();
            s.forEach((k, v) -> g.put(k, (List<?>) v));
            grids.add(g);
        }
        return new ParameterGrid(grids);
    }

    /** How many sets {@link #samples()} returns: {@code nIter}, or the grid size if that is smaller. */
    public int size() {
        return allLists() ? (int) Math.min(nIter, grid().size()) : nIter;
    }

    /** The parameter sets, drawn from a fresh {@code RandomState(randomState)} (the same list at every call when seeded). */
    public List<Map<String, Object>> samples() {
        RandomState rng = randomState == null ? RandomState.fromEntropy() : new RandomState(randomState);
        List<Map<String, Object>> out = new ArrayList<>();
        if (allLists()) {
            ParameterGrid grid = grid();
            long gridSize = grid.size();
            int n = nIter;
            if (gridSize < nIter) {
                LOG.log(System.Logger.Level.WARNING, "The total space of parameters " + gridSize
                        + " is smaller than n_iter=" + nIter + ". Running " + gridSize
                        + " iterations. For exhaustive searches, use GridSearchCV.");
                n = (int) gridSize;
            }
            if (gridSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a lists-only space of " + gridSize + " points is too large to sample"
                        + " without replacement here; give one parameter a Distribution");
            }
            for (int i : SampleWithoutReplacement.sample((int) gridSize, n, rng)) {
                out.add(grid.get(i));
            }
            return Collections.unmodifiableList(out);
        }
        for (int i = 0; i < nIter; i++) {
            Map<String, Object> space = spaces.get((int) rng.randint(0, spaces.size()));
            Map<String, Object> params = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : space.entrySet()) {
                if (e.getValue() instanceof Distribution d) {
                    params.put(e.getKey(), d.sample(rng));
                } else {
                    List<?> list = (List<?>) e.getValue();
                    params.put(e.getKey(), list.get((int) rng.randint(list.size())));
                }
            }
            out.add(Collections.unmodifiableMap(params));
        }
        return Collections.unmodifiableList(out);
    }

    /** The spaces, keys sorted (values are lists or distributions). */
    public List<Map<String, Object>> spaces() {
        return spaces;
    }

    @Override
    public String toString() {
        return "ParameterSampler(" + spaces + ", n_iter=" + nIter + ", random_state=" + randomState + ")";
    }
}
