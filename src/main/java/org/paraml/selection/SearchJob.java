package org.paraml.selection;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.paraml.data.Validation;
import org.paraml.estimator.Estimator;
import org.paraml.estimator.Model;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * Everything a search's tasks need, shared read-only by all of them: the base estimator, the
 * candidate parameter sets, the splits, the data (one copy: folds are row views of it), the scorer
 * and scikit-learn's {@code return_train_score} / {@code error_score}, and optionally the search's
 * {@link SharedWork} (kernel matrices that candidates and folds share; owned and closed by the
 * search, given to every fit). {@link #evaluate} is scikit-learn's {@code _fit_and_score}.
 */
public final class SearchJob {
    private static final System.Logger LOG = System.getLogger(SearchJob.class.getName());

    private final Estimator estimator;
    private final List<Map<String, Object>> candidates;
    private final List<Split> splits;
    private final Matrix x;
    private final int[] y;
    private final Scorer scorer;
    private final boolean returnTrainScore;
    private final ErrorScore errorScore;
    private final SharedWork shared;

    /**
     * @param estimator the base estimator; each task fits {@code estimator.withParams(candidate)}
     * @param candidates the parameter sets (each may be empty: the base estimator itself)
     * @param splits the cross-validation splits of the rows of {@code x}
     * @param x the data, not copied and never modified
     * @param y the labels, or null for an unsupervised estimator
     * @param scorer how to score a fitted model
     * @param returnTrainScore whether to also score on the training rows
     * @param errorScore what a failing fit or scoring records, or {@link ErrorScore#RAISE}
     */
    public SearchJob(Estimator estimator, List<Map<String, Object>> candidates, List<Split> splits, Matrix x, int[] y,
                     Scorer scorer, boolean returnTrainScore, ErrorScore errorScore) {
        this(estimator, candidates, splits, x, y, scorer, returnTrainScore, errorScore, null);
    }

    /**
     * As {@link #SearchJob(Estimator, List, List, Matrix, int[], Scorer, boolean, ErrorScore)}, with
     * the work the fits share: every fit gets {@code shared} ({@link Estimator#sharing}). The
     * caller owns it and closes it when the search ends.
     *
     * @param shared the search's shared work over {@code x}, or null for none
     */
    public SearchJob(Estimator estimator, List<Map<String, Object>> candidates, List<Split> splits, Matrix x, int[] y,
                     Scorer scorer, boolean returnTrainScore, ErrorScore errorScore, SharedWork shared) {
        this.shared = shared;
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.candidates = List.copyOf(candidates);
        this.splits = List.copyOf(splits);
        this.x = Objects.requireNonNull(x, "x");
        this.y = y;
        if (y != null) {
            Validation.checkConsistentLength(x, y);
        }
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.returnTrainScore = returnTrainScore;
        this.errorScore = Objects.requireNonNull(errorScore, "errorScore");
        if (this.candidates.isEmpty() || this.splits.isEmpty()) {
            throw new IllegalArgumentException("No fits were performed. Was the CV iterator empty? Were there no candidates?");
        }
    }

    /** The base estimator; each task fits it with its candidate's parameters. */
    public Estimator estimator() {
        return estimator;
    }

    /** The candidate parameter sets, in order (unmodifiable). */
    public List<Map<String, Object>> candidates() {
        return candidates;
    }

    /** The cross-validation splits of the rows of {@link #x()}, in order (unmodifiable). */
    public List<Split> splits() {
        return splits;
    }

    /** The data (shared, do not modify). */
    public Matrix x() {
        return x;
    }

    /** The labels (shared, do not modify), or null. */
    public int[] y() {
        return y;
    }

    /** How a fitted model is scored. */
    public Scorer scorer() {
        return scorer;
    }

    /** scikit-learn's {@code return_train_score}: whether tasks also score on the training rows. */
    public boolean returnTrainScore() {
        return returnTrainScore;
    }

    /** scikit-learn's {@code error_score}: what a failing fit or scoring records, or {@link ErrorScore#RAISE}. */
    public ErrorScore errorScore() {
        return errorScore;
    }

    /** The work the fits share, or null. */
    public SharedWork sharedWork() {
        return shared;
    }

    /** The number of candidates. */
    public int nCandidates() {
        return candidates.size();
    }

    /** The number of splits. */
    public int nSplits() {
        return splits.size();
    }

    /** Every task in scikit-learn's order: candidate-major, then split. */
    public List<FitTask> tasks() {
        List<FitTask> out = new ArrayList<>(nCandidates() * nSplits());
        for (int c = 0; c < nCandidates(); c++) {
            for (int f = 0; f < nSplits(); f++) {
                out.add(new FitTask(c, f));
            }
        }
        return out;
    }

    /**
     * Fits candidate {@code task.candidate()} on the training rows of split {@code task.fold()}
     * (a row view, not a copy) with {@code kernelThreads} threads, and scores it on the test rows
     * (and the training rows when asked). When the scorer reads no probabilities, the fit is the
     * estimator's {@link Estimator#withoutProbabilityModel()}: the same scores, and a {@code fit_time} without
     * the probability model's work. A fit or scoring that throws an {@link Exception} records
     * {@code error_score} and the error's text, unless {@code error_score='raise'}, when the
     * exception propagates.
     *
     * @throws CancellationException if the thread was interrupted during the task (nothing is recorded)
     */
    public TaskResult evaluate(FitTask task, int kernelThreads) {
        Map<String, Object> params = candidates.get(task.candidate());
        Split split = splits.get(task.fold());
        Matrix xTrain = x.selectRows(split.train());
        Matrix xTest = x.selectRows(split.test());
        int[] yTrain = y == null ? null : select(y, split.train());
        int[] yTest = y == null ? null : select(y, split.test());
        long start = System.nanoTime();
        Model model;
        try {
            Estimator e = estimator.withParams(params).threads(kernelThreads);
            if (!scorer.readsProbabilities()) {
                e = e.withoutProbabilityModel(); // the fold's model is only scored and then dropped
            }
            if (shared != null) {
                e = e.sharing(shared);
            }
            model = e.fit(xTrain, yTrain);
        } catch (Exception e) {
            double fitTime = seconds(System.nanoTime() - start);
            checkNotCancelled(e);
            if (errorScore.raise()) {
                throw e;
            }
            double train = returnTrainScore ? errorScore.value() : Double.NaN;
            return new TaskResult(task.candidate(), task.fold(), errorScore.value(), train, fitTime, 0.0,
                    split.test().length, trace(e), null);
        }
        long fitEnd = System.nanoTime();
        double fitTime = seconds(fitEnd - start);
        checkNotCancelled(null);
        String[] scoreError = new String[1];
        double test = score(model, xTest, yTest, split.train(), scoreError);
        double scoreTime = seconds(System.nanoTime() - fitEnd);
        double train = returnTrainScore ? score(model, xTrain, yTrain, split.train(), scoreError) : Double.NaN;
        return new TaskResult(task.candidate(), task.fold(), test, train, fitTime, scoreTime, split.test().length,
                null, scoreError[0]);
    }

    private double score(Model model, Matrix xs, int[] ys, int[] trainRows, String[] error) {
        try {
            return scorer.score(model, xs, ys, shared, trainRows);
        } catch (Exception e) {
            checkNotCancelled(e);
            if (errorScore.raise()) {
                throw e;
            }
            String t = trace(e);
            LOG.log(System.Logger.Level.WARNING, "Scoring failed. The score on this train-test partition for these "
                    + "parameters will be set to " + errorScore + ". Details: \n" + t);
            error[0] = error[0] == null ? t : error[0];
            return errorScore.value();
        }
    }

    private static void checkNotCancelled(Exception cause) {
        if (Thread.currentThread().isInterrupted() || cause instanceof CancellationException) {
            CancellationException c = new CancellationException("the task was cancelled");
            if (cause != null) {
                c.initCause(cause);
            }
            throw c;
        }
    }

    private static int[] select(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /**
     * The exception and its stack trace, as Python's {@code format_exc()} gives the traceback, cut
     * below {@link #evaluate} (the executor's frames differ from thread to thread and would keep
     * equal errors from being counted together).
     */
    static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : w.toString().split("\\R")) {
            boolean frame = line.startsWith("\tat ") || line.startsWith("\t...");
            if (!frame) {
                skipping = false;
            } else if (skipping) {
                continue;
            }
            out.append(line).append('\n');
            if (frame && line.contains(SearchJob.class.getName() + ".evaluate(")) {
                skipping = true;
            }
        }
        return out.toString();
    }
}
