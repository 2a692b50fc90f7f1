package org.paraml.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.data.Labels;
import org.paraml.data.Validation;
import org.paraml.estimator.ClassifierEstimator;
import org.paraml.estimator.Estimator;
import org.paraml.linalg.Matrix;
import org.paraml.selection.CrossValidation;
import org.paraml.selection.CvResults;
import org.paraml.selection.FitFailure;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.ParameterGrid;
import org.paraml.selection.SearchExecutor;
import org.paraml.selection.SearchFailedException;
import org.paraml.selection.SearchJournalException;
import org.paraml.selection.SearchResult;
import org.paraml.selection.StratifiedKFold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml search}: scikit-learn's {@code GridSearchCV} on all the cores of this machine, or on Spark. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Cross-validated grid search over hyperparameters, as sklearn's GridSearchCV.",
                "The same folds, scores, ranks and verbose lines as scikit-learn's, on a pool of threads sharing "
                        + "one copy of the data."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml search --x X.npy --y y.npy --estimator svc \\",
                "      --grid C=0.1,1,10 --grid kernel=rbf,poly --cv 5 --n-jobs -1 --verbose 2",
                "  paraml search --x X.npy --y y.npy --estimator svc --grid C=1,10 \\",
                "      --set probability=true --scoring neg_log_loss --journal search.jsonl \\",
                "      --json",
                "  paraml cluster start --workers 2",
                "  paraml search ... --master spark://127.0.0.1:7077",
                "",
                "Values are typed as Python literals: 10 (int), 0.1 or 1e-3 (float), true/false, none, "
                        + "else a string. Rerunning a search with the same --journal skips the fits it already holds."})
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--x", required = true, paramLabel = "FILE", description = "The samples (.npy float64 n_samples × n_features, or .csv).")
    Path xFile;

    @Option(names = "--y", paramLabel = "FILE", description = "The labels (.npy integers, or a one-column .csv); required for classifiers.")
    Path yFile;

    @Option(names = "--estimator", required = true, paramLabel = "NAME", description = "The estimator: ${COMPLETION-CANDIDATES}.",
            completionCandidates = EstimatorNames.class)
    String estimator;

    @Option(names = "--grid", paramLabel = "NAME=V1,V2,...", description = "Values to try for one parameter (repeatable; the grid is every combination).")
    List<String> grid = new ArrayList<>();

    @Option(names = "--set", paramLabel = "NAME=V", description = "A fixed parameter of the estimator (repeatable).")
    List<String> fixed = new ArrayList<>();

    @Option(names = "--cv", defaultValue = "5", paramLabel = "K", description = "Number of folds: stratified for classifiers (default: ${DEFAULT-VALUE}).")
    int cv;

    @Option(names = "--scoring", paramLabel = "S", description = "A scikit-learn scorer name (accuracy, f1_macro, roc_auc, neg_log_loss, ...); default: the estimator's score.")
    String scoring;

    @Option(names = "--n-jobs", defaultValue = "1", paramLabel = "J", description = "Threads in all, -1 for every processor (default: ${DEFAULT-VALUE}).")
    int nJobs;

    @Option(names = "--verbose", defaultValue = "0", paramLabel = "V", description = "scikit-learn's verbose lines: 1, 2, 3 or 10 (default: ${DEFAULT-VALUE}).")
    int verbose;

    @Option(names = "--no-refit", description = "Do not refit the best candidate on all the data.")
    boolean noRefit;

    @Option(names = "--journal", paramLabel = "FILE", description = "Journal finished fits to FILE (JSON lines) and resume from it.")
    Path journal;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Option(names = "--master", paramLabel = "URL", description = {"Run the fits on Spark: local[N] (threads of this "
            + "JVM) or spark://host:port (a cluster, e.g. from 'paraml cluster start'); the same results as without it.",
            "Default: a pool of threads on this machine (--n-jobs)."})
    String master;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The shared secret of a Spark cluster "
            + "started with --authenticate (e.g. ~/.paraml/cluster/secret).")
    Path secretFile;

    /** The registered names, for --help. */
    static final class EstimatorNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return EstimatorRegistry.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Estimator base = EstimatorRegistry.create(estimator);
        Map<String, List<Object>> paramGrid = ParamValues.grid("--grid", grid);
        Map<String, Object> fixedParams = ParamValues.fixed("--set", fixed);
        if (cv < 2) {
            throw new IllegalArgumentException("invalid value for option '--cv': " + cv + " (allowed: 2 or more folds)");
        }
        if (nJobs == 0) {
            throw new IllegalArgumentException("invalid value for option '--n-jobs': 0 (allowed: a positive number of "
                    + "threads, or -1 for every processor)");
        }
        Estimator est = base.withParams(fixedParams);
        checkCandidates(est, paramGrid);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--x", xFile);
        inputs.put("--y", yFile);
        inputs.put("--secret-file", secretFile);
        OutputFiles.check(inputs, journal == null ? Map.of() : Map.of("--journal", journal));
        Matrix x = InputFiles.readData(xFile, "--x");
        int[] y = yFile == null ? null : InputFiles.readLabels(yFile, "--y");
        if (y == null && est instanceof ClassifierEstimator) {
            throw new IllegalArgumentException("option '--y' is required: " + estimator + " is a classifier");
        }
        if (y != null && y.length != x.rows()) {
            throw new BadInputFileException("option '--y': " + yFile + " has " + y.length + " labels but " + xFile
                    + " has " + x.rows() + " rows", null);
        }
        checkData(est, x, y);
        checkScoring(est, y);
        checkCv(est, x, y);
        GridSearchCV search = new GridSearchCV(est, paramGrid).cv(cv).scoring(scoring).nJobs(nJobs)
                .refit(!noRefit).verbose(verbose).journal(journal).verboseSink(line -> {
                    out.println(line);
                    out.flush();
                });
        SearchExecutor spark = null;
        if (master != null) {
            if (!SparkBridge.available()) {
                err.println("paraml: error: option '--master': " + SparkBridge.MISSING);
                err.flush();
                return ExitCode.FAILURE;
            }
            spark = SparkBridge.searchExecutor(master, secretFile);
            search = search.executor(spark);
        } else if (secretFile != null) {
            throw new IllegalArgumentException("option '--secret-file' needs '--master'");
        }
        SearchResult result;
        long t0 = System.nanoTime();
        try (SearchProgressDisplay progress = SearchProgressDisplay.create(err, verbose > 1)) {
            result = search.progress(progress).fit(x, y);
        } catch (SearchJournalException e) {
            if (e.writeFailed()) {
                // the journal was fine, writing to it failed (a full disk): a failure while running
                throw new OutputFiles.OutputFileException("option '--journal': " + e.getMessage(), e);
            }
            throw new BadInputFileException("option '--journal': " + e.getMessage(), e);
        } catch (SearchFailedException e) {
            err.println("paraml: error:" + e.getMessage());
            err.flush();
            return ExitCode.FAILURE;
        } finally {
            if (spark instanceof AutoCloseable c) {
                c.close();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            JsonOutput.print(out, jsonFields(result, seconds));
        } else {
            printTable(out, result, seconds);
        }
        return ExitCode.OK;
    }

    /**
     * Every candidate's parameters are valid for the estimator (each is set on it, which checks the value),
     * so that a mistyped --grid value is a command-line error at once, not a failure of every fit it is in;
     * and with neg_log_loss, which scores predicted probabilities, every candidate gives them.
     */
    private void checkCandidates(Estimator est, Map<String, List<Object>> paramGrid) {
        for (Map<String, Object> candidate : new ParameterGrid(paramGrid)) {
            Estimator e;
            try {
                e = est.withParams(candidate);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("invalid value for option '--grid' (candidate " + candidate + "): "
                        + ex.getMessage(), ex);
            }
            Object probability = e.getParams().get("probability");
            if ("neg_log_loss".equals(scoring) && !Boolean.TRUE.equals(probability)) {
                throw new IllegalArgumentException("invalid value for option '--scoring': neg_log_loss needs predicted "
                        + "probabilities, which " + estimator + (probability == null ? " does not give"
                        : " gives only with probability=true (add --set probability=true)"));
            }
        }
    }

    /** The data problems that would fail every fit, reported once against the file. */
    private void checkData(Estimator est, Matrix x, int[] y) throws BadInputFileException {
        try {
            Validation.checkFinite(x, "X");
        } catch (IllegalArgumentException e) {
            throw new BadInputFileException("--x " + xFile + ": " + e.getMessage(), e);
        }
        if (y != null && est instanceof ClassifierEstimator && Labels.classes(y).length < 2) {
            throw new BadInputFileException("--y " + yFile + ": the labels hold one class only (" + Labels.classes(y).length
                    + " distinct value); a classifier needs two or more classes", null);
        }
    }

    /**
     * A --scoring that cannot score these labels would fail the scoring of every fit (each score NaN,
     * as scikit-learn records it): scikit-learn's scorers all score a classifier's outputs; f1,
     * precision and recall (average='binary') need two classes, one of them 1 (pos_label=1); roc_auc
     * needs two classes. Reported once against --scoring, before any fit.
     */
    private void checkScoring(Estimator est, int[] y) {
        if (scoring == null) {
            return;
        }
        String bad = "invalid value for option '--scoring': " + scoring;
        if (!(est instanceof ClassifierEstimator)) {
            throw new IllegalArgumentException(bad + " scores the predictions of a classifier, but " + estimator
                    + " is not a classifier; leave --scoring out to use " + estimator + "'s own score");
        }
        boolean prfBinary = scoring.equals("f1") || scoring.equals("precision") || scoring.equals("recall");
        if (y == null || !(prfBinary || scoring.equals("roc_auc"))) {
            return;
        }
        int[] classes = Labels.classes(y);
        String held = "--y " + yFile + " holds " + classes.length + " classes " + Arrays.toString(classes);
        String instead = prfBinary ? "use " + scoring + "_macro, " + scoring + "_micro or " + scoring + "_weighted"
                : "use another scorer, e.g. accuracy, balanced_accuracy, f1_macro or neg_log_loss";
        if (classes.length > 2) {
            throw new IllegalArgumentException(bad + " scores two classes only, but " + held + "; " + instead);
        }
        if (prfBinary && Arrays.binarySearch(classes, 1) < 0) {
            throw new IllegalArgumentException(bad + " takes class 1 as the positive class (pos_label=1), but " + held
                    + "; " + instead + ", or label the positive class 1");
        }
    }

    /**
     * The folds the search will use can be made from this data; the splitter's refusals (scikit-learn's
     * words) are blamed on --cv. (Checked here rather than by splitting, which would log the splitter's
     * warnings twice.)
     */
    private void checkCv(Estimator est, Matrix x, int[] y) {
        String problem = null;
        if (cv > x.rows()) {
            problem = "Cannot have number of splits n_splits=" + cv + " greater than the number of samples: n_samples="
                    + x.rows() + ".";
        } else if (CrossValidation.checkCv(cv, est, y) instanceof StratifiedKFold
                && Arrays.stream(Labels.counts(y, Labels.classes(y))).allMatch(count -> count < cv)) {
            problem = "n_splits=" + cv + " cannot be greater than the number of members in each class.";
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid value for option '--cv': " + cv + " (" + problem + ")");
        }
    }

    private Map<String, Object> jsonFields(SearchResult r, double seconds) {
        CvResults cvr = r.cvResults();
        Map<String, Object> cvResults = new LinkedHashMap<>();
        cvResults.put("params", cvr.params());
        cvResults.put("mean_test_score", cvr.meanTestScore());
        cvResults.put("std_test_score", cvr.stdTestScore());
        cvResults.put("rank_test_score", cvr.rankTestScore());
        cvResults.put("mean_fit_time", cvr.meanFitTime());
        cvResults.put("mean_score_time", cvr.meanScoreTime());
        for (int s = 0; s < cvr.nSplits(); s++) {
            cvResults.put("split" + s + "_test_score", cvr.splitTestScore(s));
        }
        List<Map<String, Object>> failures = new ArrayList<>();
        for (FitFailure f : r.fitFailures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidate", f.candidate());
            m.put("split", f.fold());
            m.put("error", f.message());
            failures.add(m);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("estimator", estimator);
        fields.put("scoring", r.scorer());
        fields.put("n_splits", r.nSplits());
        fields.put("n_candidates", cvr.nCandidates());
        fields.put("n_jobs", nJobs);
        fields.put("master", master);
        fields.put("seconds", seconds);
        fields.put("best_index", r.bestIndex());
        fields.put("best_params", r.bestParams());
        fields.put("best_score", r.bestScore());
        fields.put("refit_time", r.refitted() ? r.refitTime() : null);
        fields.put("cv_results", cvResults);
        fields.put("fit_failures", failures);
        return fields;
    }

    private void printTable(PrintWriter out, SearchResult r, double seconds) {
        CvResults cvr = r.cvResults();
        int[] rank = cvr.rankTestScore();
        double[] mean = cvr.meanTestScore();
        double[] std = cvr.stdTestScore();
        double[] fit = cvr.meanFitTime();
        Integer[] order = new Integer[cvr.nCandidates()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> rank[i]).thenComparingInt(i -> i));
        out.printf(Locale.ROOT, "%4s  %15s  %14s  %13s  %s%n", "rank", "mean_test_score", "std_test_score", "mean_fit_time", "params");
        for (int i : order) {
            out.printf(Locale.ROOT, "%4d  %15.4f  %14.4f  %12.3fs  %s%n", rank[i], mean[i], std[i], fit[i], params(cvr.params().get(i)));
        }
        out.println();
        out.printf(Locale.ROOT, "best: %s (mean %s %.4f over %d folds)%n", params(r.bestParams()), r.scorer(), r.bestScore(),
                r.nSplits());
        if (!r.fitFailures().isEmpty()) {
            out.printf(Locale.ROOT, "%d of %d fits failed (scored NaN); first error: %s%n", r.fitFailures().size(),
                    cvr.nCandidates() * cvr.nSplits(), r.fitFailures().get(0).message());
        }
        out.printf(Locale.ROOT, "search: %d candidates x %d folds in %.2f s with %s%s%n", cvr.nCandidates(), r.nSplits(),
                seconds, master != null ? "master " + master : "n_jobs=" + nJobs, r.refitted() ? String.format(Locale.ROOT, " (refit %.2f s)", r.refitTime()) : "");
        out.flush();
    }

    private static String params(Map<String, Object> p) {
        if (p.isEmpty()) {
            return "(defaults)";
        }
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
