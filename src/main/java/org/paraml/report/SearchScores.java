package org.paraml.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.paraml.selection.CvResults;
import org.paraml.selection.SearchResult;

/**
 * The part of a search's {@code cv_results_} that the charts show: each candidate's parameters (names
 * sorted, whatever the order of the maps given) and the mean and standard deviation of its test scores,
 * and which candidate is best. Immutable; arrays are copied in and out.
 */
public final class SearchScores {
    private final List<Map<String, Object>> params;
    private final double[] mean;
    private final double[] std;
    private final int bestIndex;
    private final List<String> paramNames;

    /**
     * Scores of {@code params.size()} candidates; the best is the first one with the highest finite mean.
     *
     * @param params each candidate's parameter values
     * @param mean   {@code mean_test_score}, NaN for a candidate whose fits failed
     * @param std    {@code std_test_score}
     * @throws IllegalArgumentException if the lengths differ or there is no candidate
     */
    public SearchScores(List<? extends Map<String, ?>> params, double[] mean, double[] std) {
        this(params, mean, std, bestOf(mean));
    }

    private SearchScores(List<? extends Map<String, ?>> params, double[] mean, double[] std, int bestIndex) {
        Objects.requireNonNull(params, "params");
        if (params.isEmpty() || mean.length != params.size() || std.length != params.size()) {
            throw new IllegalArgumentException("scores of " + params.size() + " candidates need as many means and "
                    + "standard deviations, got " + mean.length + " and " + std.length);
        }
        List<Map<String, Object>> copy = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Map<String, ?> p : params) {
            copy.add(Collections.unmodifiableMap(new TreeMap<>(p)));
            names.addAll(p.keySet());
        }
        this.params = List.copyOf(copy);
        this.mean = mean.clone();
        this.std = std.clone();
        this.bestIndex = bestIndex;
        this.paramNames = List.copyOf(names);
    }

    /** The scores of a finished search, with its {@code best_index_}. */
    public static SearchScores of(SearchResult result) {
        CvResults cv = result.cvResults();
        return new SearchScores(cv.params(), cv.meanTestScore(), cv.stdTestScore(), result.bestIndex());
    }

    private static int bestOf(double[] mean) {
        int best = 0;
        for (int i = 1; i < mean.length; i++) {
            if (!(mean[best] >= mean[i]) && !Double.isNaN(mean[i])) {
                best = i;
            }
        }
        return best;
    }

    /** The number of candidates. */
    public int size() {
        return params.size();
    }

    /** Each candidate's parameter values. */
    public List<Map<String, Object>> params() {
        return params;
    }

    /** {@code mean_test_score} (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** {@code std_test_score} (a copy). */
    public double[] std() {
        return std.clone();
    }

    /** The index of the best candidate ({@code best_index_}). */
    public int bestIndex() {
        return bestIndex;
    }

    /** The best candidate's parameters ({@code best_params_}). */
    public Map<String, Object> bestParams() {
        return params.get(bestIndex);
    }

    /** The best candidate's mean test score ({@code best_score_}). */
    public double bestScore() {
        return mean[bestIndex];
    }

    /** The parameter names, sorted (as scikit-learn's {@code param_<name>} columns of a grid). */
    public List<String> paramNames() {
        return paramNames;
    }

    /** Whether every candidate's value of {@code name} is a number. */
    public boolean isNumeric(String name) {
        return params.stream().allMatch(p -> p.get(name) instanceof Number);
    }

    /**
     * The distinct values that the candidates give {@code name} (candidates without it are left out):
     * ascending when all are numbers, else in order of first appearance.
     */
    public List<Object> values(String name) {
        Set<Object> seen = new LinkedHashSet<>();
        for (Map<String, Object> p : params) {
            if (p.get(name) != null) {
                seen.add(p.get(name));
            }
        }
        List<Object> out = new ArrayList<>(seen);
        if (isNumeric(name)) {
            out.sort((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
        }
        return Collections.unmodifiableList(out);
    }

    /** Same candidates, same scores, same best. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SearchScores s && params.equals(s.params) && Arrays.equals(mean, s.mean)
                && Arrays.equals(std, s.std) && bestIndex == s.bestIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(params, Arrays.hashCode(mean), bestIndex);
    }

    @Override
    public String toString() {
        return "SearchScores[" + size() + " candidates, best " + bestParams() + " " + bestScore() + "]";
    }
}
