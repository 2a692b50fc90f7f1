package org.paraml.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.paraml.data.PythonFormat;
import org.paraml.data.Validation;
import org.paraml.estimator.ClassifierEstimator;
import org.paraml.estimator.Estimator;
import org.paraml.estimator.Model;
import org.paraml.estimator.ParameterNames;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * Runs a search over a fixed candidate list: scikit-learn's {@code BaseSearchCV.fit} with the
 * journal, the executor, the verbose lines and the progress listener plugged in.
 */
final class SearchEngine {
    private static final System.Logger LOG = System.getLogger(SearchEngine.class.getName());

    private SearchEngine() {
    }

    /** scikit-learn's {@code check_cv(cv, y, classifier=is_classifier(estimator))}. */
    static CrossValidator checkCv(SearchSettings s, Estimator estimator, int[] y) {
        if (s.cv != null) {
            return s.cv;
        }
        return estimator instanceof ClassifierEstimator && y != null ? new StratifiedKFold(s.cvFolds)
                : new KFold(s.cvFolds);
    }

    static SearchResult run(String searchName, Estimator estimator, List<Map<String, Object>> candidates, Matrix x,
                            int[] y, SearchSettings s) {
        if (x == null) {
            throw new IllegalArgumentException("X is required");
        }
        if (y != null) {
            Validation.checkConsistentLength(x, y);
        }
        String estimatorName = estimator.getClass().getSimpleName();
        for (Map<String, Object> c : candidates) {
            ParameterNames.requireKnown(estimatorName, c, estimator.getParams().keySet());
        }
        CrossValidator cv = checkCv(s, estimator, y);
        List<Split> splits = cv.split(x.rows(), y);
        if (splits.size() != cv.nSplits()) {
            throw new IllegalArgumentException("cv.split and cv.get_n_splits returned inconsistent results. Expected "
                    + cv.nSplits() + " splits, got " + splits.size());
        }
        // the work candidates and folds share (kernel matrices) lives as long as this search, refit included
        List<int[]> testSets = new ArrayList<>();
        for (Split split : splits) {
            testSets.add(split.test());
        }
        try (SharedWork shared = SharedWork.open(x, s.resolveSharedWorkBytes(),
                SharedWork.layoutByTestSet(x.rows(), testSets))) {
            return run(searchName, estimator, candidates, x, y, s, splits, shared);
        }
    }

    private static SearchResult run(String searchName, Estimator estimator, List<Map<String, Object>> candidates,
                                    Matrix x, int[] y, SearchSettings s, List<Split> splits, SharedWork shared) {
        SearchJob job = new SearchJob(estimator, candidates, splits, x, y, s.resolveScorer(), s.returnTrainScore,
                s.errorScore, shared.budgetBytes() > 0 ? shared : null);
        Consumer<String> lines = s.verboseSink != null ? s.verboseSink
                : line -> LOG.log(System.Logger.Level.INFO, line);
        if (s.verbose > 0) {
            lines.accept(VerboseLines.fitting(job.nSplits(), job.nCandidates()));
        }
        SearchExecutor executor = s.executor != null ? s.executor : new LocalExecutor(s.nJobs);
        TaskResult[][] results = new TaskResult[job.nCandidates()][job.nSplits()];
        SearchJournal journal = null;
        if (s.journal != null) {
            journal = SearchJournal.open(s.journal, job, SearchFingerprint.of(job, s.scorerName()), s.scorerName());
        }
        try {
            Collector collector = new Collector(job, results, journal, s, lines);
            if (journal != null) {
                for (TaskResult r : journal.previous()) {
                    if (results[r.candidate()][r.fold()] == null) {
                        collector.restore(r);
                    }
                }
                if (collector.done > 0) {
                    LOG.log(System.Logger.Level.INFO, "search journal " + journal.file() + ": " + collector.done + " of "
                            + collector.total + " fits already done; resuming");
                }
            }
            List<FitTask> remaining = new ArrayList<>();
            for (FitTask t : job.tasks()) {
                if (results[t.candidate()][t.fold()] == null) {
                    remaining.add(t);
                }
            }
            collector.report();
            try {
                executor.execute(job, remaining, collector);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("search cancelled after " + collector.done + " of " + collector.total
                        + " fits" + (journal != null ? "; the journal " + journal.file() + " keeps them" : ""));
            }
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
        List<FitFailure> failures = new ArrayList<>();
        for (TaskResult[] row : results) {
            for (TaskResult r : row) {
                if (r.failed()) {
                    failures.add(new FitFailure(r.candidate(), r.fold(), r.fitError()));
                }
            }
        }
        FitFailures.warnOrRaise(failures, job.nCandidates() * job.nSplits(), s.errorScore);
        CvResults cvResults = new CvResults(candidates, results, s.returnTrainScore);
        warnNonFinite("test", cvResults.meanTestScore());
        if (s.returnTrainScore) {
            warnNonFinite("train", cvResults.meanTrainScore());
        }
        Model best = null;
        double refitTime = Double.NaN;
        if (s.refit) {
            Map<String, Object> bestParams = cvResults.params().get(Ranking.best(cvResults.rankTestScore()));
            long t0 = System.nanoTime();
            Estimator refit = estimator.withParams(bestParams).threads(executor.parallelism());
            if (job.sharedWork() != null) {
                refit = refit.sharing(job.sharedWork());
            }
            best = refit.fit(x, y);
            refitTime = (System.nanoTime() - t0) / 1e9;
        }
        return new SearchResult(searchName, cvResults, best, refitTime, failures, s.scorerName());
    }

    private static void warnNonFinite(String which, double[] means) {
        for (double m : means) {
            if (!Double.isFinite(m)) {
                StringJoiner j = new StringJoiner(" ", "[", "]");
                for (double v : means) {
                    j.add(PythonFormat.floatRepr(v));
                }
                LOG.log(System.Logger.Level.WARNING, "One or more of the " + which + " scores are non-finite: " + j);
                return;
            }
        }
    }

    /** Stores results by index, appends them to the journal, and reports lines and progress, one call at a time. */
    private static final class Collector implements TaskSink {
        private final SearchJob job;
        private final TaskResult[][] results;
        private final SearchJournal journal;
        private final SearchSettings settings;
        private final Consumer<String> lines;
        private final int[] foldsDone;
        final int total;
        int done;
        double best = Double.NaN;

        Collector(SearchJob job, TaskResult[][] results, SearchJournal journal, SearchSettings settings,
                  Consumer<String> lines) {
            this.job = job;
            this.results = results;
            this.journal = journal;
            this.settings = settings;
            this.lines = lines;
            this.foldsDone = new int[job.nCandidates()];
            this.total = job.nCandidates() * job.nSplits();
        }

        synchronized void restore(TaskResult r) {
            store(r);
        }

        synchronized void report() {
            if (settings.progress != null) {
                settings.progress.onProgress(done, total, best);
            }
        }

        private void store(TaskResult r) {
            results[r.candidate()][r.fold()] = r;
            done++;
            if (++foldsDone[r.candidate()] == job.nSplits()) {
                double[] scores = new double[job.nSplits()];
                for (int f = 0; f < scores.length; f++) {
                    scores[f] = results[r.candidate()][f].testScore();
                }
                double mean = PairwiseSum.mean(scores);
                if (!Double.isNaN(mean) && (Double.isNaN(best) || mean > best)) {
                    best = mean;
                }
            }
        }

        @Override
        public synchronized void started(FitTask t) {
            if (settings.verbose > 9) {
                lines.accept(VerboseLines.start(settings.verbose, job.candidates().get(t.candidate()), t.fold(),
                        job.nSplits(), t.candidate(), job.nCandidates()));
            }
        }

        @Override
        public synchronized void finished(TaskResult r) {
            if (results[r.candidate()][r.fold()] != null) {
                return;
            }
            if (journal != null) {
                journal.append(r);
            }
            store(r);
            if (settings.verbose > 1) {
                lines.accept(VerboseLines.end(settings.verbose, job.candidates().get(r.candidate()), r.fold(),
                        job.nSplits(), r.candidate(), job.nCandidates(), r.testScore(), r.trainScore(),
                        job.returnTrainScore(), r.fitTime(), r.scoreTime()));
            }
            report();
        }
    }
}
