package org.paraml.selection;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.paraml.estimator.Estimator;
import org.paraml.linalg.Matrix;

/**
 * What {@link GridSearchCV} and {@link RandomizedSearchCV} share: scikit-learn's
 * {@code BaseSearchCV} parameters as immutable withers, and {@link #fit}. Each wither returns a
 * modified copy.
 *
 * @param <S> the search's own type
 */
public abstract sealed class BaseSearchCV<S extends BaseSearchCV<S>> permits GridSearchCV, RandomizedSearchCV {
    final Estimator estimator;
    final SearchSettings settings;

    BaseSearchCV(Estimator estimator, SearchSettings settings) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.settings = settings;
    }

    abstract S with(SearchSettings s);

    /** The candidates this search tries, in order. */
    public abstract List<Map<String, Object>> candidates();

    private S change(Consumer<SearchSettings> edit) {
        SearchSettings s = settings.copy();
        edit.accept(s);
        return with(s);
    }

    /** The base estimator. */
    public Estimator estimator() {
        return estimator;
    }

    /**
     * {@code scoring}: a scikit-learn scorer name ({@link Scorers#names()}), or null for the
     * model's own {@code score} (the default).
     */
    public S scoring(String name) {
        if (name != null) {
            Scorers.get(name); // validates now
        }
        return change(s -> {
            s.scoring = name;
            s.scorer = null;
        });
    }

    /** A custom scorer (its {@code toString()} names it in journals and results). */
    public S scoring(Scorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        return change(s -> {
            s.scorer = scorer;
            s.scoring = null;
        });
    }

    /**
     * {@code n_jobs}: the total thread budget of the local searcher (default 1); -1 means every
     * processor ({@link Runtime#availableProcessors()}). Results do not depend on it.
     */
    public S nJobs(int nJobs) {
        NJobs.resolve(nJobs);
        return change(s -> s.nJobs = nJobs);
    }

    /** {@code refit} (default true): refit the best candidate on all the data. */
    public S refit(boolean refit) {
        return change(s -> s.refit = refit);
    }

    /**
     * {@code cv=k} (default 5): {@link StratifiedKFold}{@code (k)} for a classifier,
     * {@link KFold}{@code (k)} otherwise.
     */
    public S cv(int folds) {
        KFold.checkArguments(folds, false, null);
        return change(s -> {
            s.cvFolds = folds;
            s.cv = null;
        });
    }

    /** {@code cv=splitter}. */
    public S cv(CrossValidator cv) {
        Objects.requireNonNull(cv, "cv");
        return change(s -> s.cv = cv);
    }

    /**
     * {@code verbose}: 0 silent; ≥ 1 the "Fitting …" line; ≥ 2 one line per fit; ≥ 3 with the
     * fold and scores; ≥ 10 START lines too — scikit-learn's lines, byte for byte, written to
     * {@link #verboseSink} (or logged at INFO without one).
     */
    public S verbose(int verbose) {
        return change(s -> s.verbose = verbose);
    }

    /** Where verbose lines go (one call per line, without newline; calls are serialised). */
    public S verboseSink(Consumer<String> sink) {
        return change(s -> s.verboseSink = sink);
    }

    /** {@code error_score=value} (default NaN): the score of a fit that throws; the search goes on. */
    public S errorScore(double value) {
        return change(s -> s.errorScore = ErrorScore.of(value));
    }

    /** {@code error_score='raise'}: the first fit that throws ends the search with its exception. */
    public S errorScoreRaise() {
        return change(s -> s.errorScore = ErrorScore.RAISE);
    }

    /** {@code return_train_score} (default false). */
    public S returnTrainScore(boolean value) {
        return change(s -> s.returnTrainScore = value);
    }

    /**
     * Journals every finished fit to {@code file} (JSON lines), and resumes from it: rerunning the
     * same search with the same journal skips the fits it holds. A journal of another search or
     * other data is refused ({@link SearchJournalException}). Null for none (the default).
     */
    public S journal(Path file) {
        return change(s -> s.journal = file);
    }

    /** A listener told of every finished fit (for a progress bar). */
    public S progress(ProgressListener listener) {
        return change(s -> s.progress = listener);
    }

    /**
     * The memory budget of the work the fits share, in MiB (2^20 bytes): for SVC, kernel matrices
     * over the search's data that serve every C, every fold and the probability calibration (a
     * whole float32 matrix when it fits, 10,000 rows = 400 MB; a bounded cache of kernel rows
     * otherwise). 0 shares nothing. Default: {@link org.paraml.estimator.SharedWork#defaultBudgetBytes()}
     * (1024 MiB, at most a quarter of the maximum heap; {@code -Dparaml.sharedWorkMb} changes it).
     * Results do not depend on it. Not a scikit-learn parameter.
     */
    public S sharedWorkMb(double megabytes) {
        if (!(megabytes >= 0) || Double.isInfinite(megabytes)) {
            throw new IllegalArgumentException("sharedWorkMb must be a number of MiB >= 0, got " + megabytes);
        }
        return change(s -> s.sharedWorkBytes = (long) (megabytes * (1 << 20)));
    }

    /** The shared-work budget in MiB, or -1 for the default. */
    public double sharedWorkMb() {
        return settings.sharedWorkBytes < 0 ? -1 : settings.sharedWorkBytes / (double) (1 << 20);
    }

    /** Runs the fits on {@code executor} instead of a {@link LocalExecutor} of {@code n_jobs} threads. */
    public S executor(SearchExecutor executor) {
        return change(s -> s.executor = executor);
    }

    /**
     * {@code scoring}: the scorer's name, or null for the model's own {@code score} (the default) or a custom scorer.
     */
    public String scoring() {
        return settings.scoring;
    }

    /** {@code n_jobs}: the thread budget of the local searcher (default 1); -1 means every processor. */
    public int nJobs() {
        return settings.nJobs;
    }

    /** {@code refit}: whether the best candidate is refitted on all the data (default true). */
    public boolean refit() {
        return settings.refit;
    }

    /** {@code verbose}: how much the search reports (default 0, silent; see {@link #verbose(int)}). */
    public int verbose() {
        return settings.verbose;
    }

    /** {@code error_score}: the score of a fit that throws (default NaN), or {@link ErrorScore#RAISE}. */
    public ErrorScore errorScore() {
        return settings.errorScore;
    }

    /** {@code return_train_score}: whether the fits are also scored on their training rows (default false). */
    public boolean returnTrainScore() {
        return settings.returnTrainScore;
    }

    /** The journal file set with {@link #journal(Path)}, or null for none (the default). */
    public Path journal() {
        return settings.journal;
    }

    /** The splitter, or null when {@code cv} is a number of folds. */
    public CrossValidator cv() {
        return settings.cv;
    }

    /** The number of folds when {@code cv} is a number. */
    public int cvFolds() {
        return settings.cvFolds;
    }

    /**
     * Runs the search ({@code fit(X, y)}) and returns its results.
     *
     * @param y the labels, or null for an unsupervised estimator
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     *         (the interrupt status is kept; finished fits stay in the journal)
     * @throws SearchFailedException if every fit failed
     * @throws IllegalArgumentException for a bad parameter name, bad data or a bad cv
     */
    public SearchResult fit(Matrix x, int[] y) {
        return SearchEngine.run(getClass().getSimpleName(), estimator, candidates(), x, y, settings);
    }

    /** Starts {@link #fit} on a new thread; the returned run can be awaited or cancelled. */
    public SearchRun start(Matrix x, int[] y) {
        return SearchRun.start(() -> fit(x, y), "paraml-" + getClass().getSimpleName());
    }
}
