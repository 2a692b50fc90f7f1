package org.paraml.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * scikit-learn's {@code cv_results_}: per candidate, the times, the score of every split, their
 * mean, (population) standard deviation and rank. Means and standard deviations are numpy's
 * ({@code np.average} with pairwise summation), so they equal scikit-learn's bit for bit for the
 * same split scores. Immutable; arrays returned are copies.
 */
public final class CvResults {
    private final List<Map<String, Object>> params;
    private final List<String> paramNames;
    private final int nSplits;
    private final double[][] test;
    private final double[][] train;
    private final double[][] fitTime;
    private final double[][] scoreTime;
    private final double[] meanTest;
    private final double[] stdTest;
    private final int[] rankTest;

    /**
     * Assembles the results of {@code nCandidates × nSplits} tasks.
     *
     * @param results indexed {@code [candidate][split]}, none missing
     * @param returnTrainScore whether the results carry train scores
     */
    CvResults(List<Map<String, Object>> params, TaskResult[][] results, boolean returnTrainScore) {
        this.params = List.copyOf(params);
        int n = params.size();
        this.nSplits = results.length == 0 ? 0 : results[0].length;
        this.test = new double[n][nSplits];
        this.train = returnTrainScore ? new double[n][nSplits] : null;
        this.fitTime = new double[n][nSplits];
        this.scoreTime = new double[n][nSplits];
        for (int c = 0; c < n; c++) {
            for (int f = 0; f < nSplits; f++) {
                TaskResult r = Objects.requireNonNull(results[c][f], "missing result");
                test[c][f] = r.testScore();
                if (train != null) {
                    train[c][f] = r.trainScore();
                }
                fitTime[c][f] = r.fitTime();
                scoreTime[c][f] = r.scoreTime();
            }
        }
        this.meanTest = means(test);
        this.stdTest = stds(test, meanTest);
        this.rankTest = Ranking.rankMin(meanTest);
        Set<String> names = new LinkedHashSet<>();
        params.forEach(p -> names.addAll(p.keySet()));
        this.paramNames = List.copyOf(names);
    }

    private static double[] means(double[][] a) {
        double[] out = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            out[c] = PairwiseSum.mean(a[c]);
        }
        return out;
    }

    private static double[] stds(double[][] a, double[] means) {
        double[] out = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            out[c] = PairwiseSum.std(a[c], means[c]);
        }
        return out;
    }

    /** The number of candidates. */
    public int nCandidates() {
        return params.size();
    }

    /** The number of splits each candidate was scored on. */
    public int nSplits() {
        return nSplits;
    }

    /** {@code params}: each candidate's parameter set. */
    public List<Map<String, Object>> params() {
        return params;
    }

    /** The parameter names of the {@code param_<name>} columns, in order of first appearance. */
    public List<String> paramNames() {
        return paramNames;
    }

    /** {@code param_<name>}: each candidate's value, null where the candidate has no such parameter (masked). */
    public List<Object> param(String name) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> p : params) {
            out.add(p.get(name));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code split<split>_test_score}. */
    public double[] splitTestScore(int split) {
        return column(test, split);
    }

    /** {@code split<split>_train_score}, or null without train scores. */
    public double[] splitTrainScore(int split) {
        return train == null ? null : column(train, split);
    }

    /** All test scores, {@code [candidate][split]}. */
    public double[][] testScores() {
        return deepCopy(test);
    }

    /** {@code mean_test_score}. */
    public double[] meanTestScore() {
        return meanTest.clone();
    }

    /** {@code std_test_score}: the population standard deviation over the splits (ddof = 0). */
    public double[] stdTestScore() {
        return stdTest.clone();
    }

    /** {@code rank_test_score}: 1 is best; ties share the smallest rank; failed candidates come last. */
    public int[] rankTestScore() {
        return rankTest.clone();
    }

    /** Whether train scores were computed ({@code return_train_score}). */
    public boolean hasTrainScores() {
        return train != null;
    }

    /** {@code mean_train_score}, or null. */
    public double[] meanTrainScore() {
        return train == null ? null : means(train);
    }

    /** {@code std_train_score}, or null. */
    public double[] stdTrainScore() {
        return train == null ? null : stds(train, means(train));
    }

    /** {@code mean_fit_time}: per candidate, the mean over the splits of the seconds spent fitting. */
    public double[] meanFitTime() {
        return means(fitTime);
    }

    /** {@code std_fit_time}: the population standard deviation over the splits of the fit times, in seconds. */
    public double[] stdFitTime() {
        return stds(fitTime, means(fitTime));
    }

    /** {@code mean_score_time}: per candidate, the mean over the splits of the seconds spent scoring. */
    public double[] meanScoreTime() {
        return means(scoreTime);
    }

    /** {@code std_score_time}: the population standard deviation over the splits of the score times, in seconds. */
    public double[] stdScoreTime() {
        return stds(scoreTime, means(scoreTime));
    }

    /**
     * The results under scikit-learn's keys and in its order: {@code mean_fit_time},
     * {@code std_fit_time}, {@code mean_score_time}, {@code std_score_time}, {@code param_<name>}…
     * ({@code List<Object>}, null where masked), {@code params}, {@code split<i>_test_score}…,
     * {@code mean_test_score}, {@code std_test_score}, {@code rank_test_score} ({@code int[]}) and,
     * with train scores, {@code split<i>_train_score}…, {@code mean_train_score},
     * {@code std_train_score}. Score and time columns are {@code double[]}.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_fit_time", meanFitTime());
        m.put("std_fit_time", stdFitTime());
        m.put("mean_score_time", meanScoreTime());
        m.put("std_score_time", stdScoreTime());
        for (String name : paramNames) {
            m.put("param_" + name, param(name));
        }
        m.put("params", params);
        for (int s = 0; s < nSplits; s++) {
            m.put("split" + s + "_test_score", splitTestScore(s));
        }
        m.put("mean_test_score", meanTestScore());
        m.put("std_test_score", stdTestScore());
        m.put("rank_test_score", rankTestScore());
        if (train != null) {
            for (int s = 0; s < nSplits; s++) {
                m.put("split" + s + "_train_score", splitTrainScore(s));
            }
            m.put("mean_train_score", meanTrainScore());
            m.put("std_train_score", stdTrainScore());
        }
        return Collections.unmodifiableMap(m);
    }

    private static double[] column(double[][] a, int split) {
        double[] out = new double[a.length];
        for (int c = 0; c < a.length; c++) {
            out[c] = a[c][split];
        }
        return out;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
