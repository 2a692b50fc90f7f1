package org.paraml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.data.Dataset;
import org.paraml.data.Labels;
import org.paraml.data.MakeClassification;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;
import org.paraml.report.ReportStep;
import org.paraml.report.ReportWriter;
import org.paraml.report.TutorialReport;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code paraml tutorial}: the Dask-ML tutorial, step by step, in ParaML — the same data, the same
 * estimators and parameters, printing what each step does and what it gets.
 */
@Command(name = "tutorial",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Walk through the Dask-ML tutorial in ParaML.",
                "make_classification, SVC, GridSearchCV serial and on all cores, a larger grid, and KMeans with "
                        + "k-means|| on out-of-core blocks."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml tutorial",
                "  paraml tutorial --blocks 500       # the full 100M rows (16 GB, streamed)",
                "  paraml tutorial --blocks 4 --block-rows 50000",
                "  paraml tutorial --report report    # and report/index.html with charts"})
final class TutorialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--blocks", defaultValue = "10",
            description = "Blocks of blobs for the KMeans step (default: ${DEFAULT-VALUE}; the tutorial has 500).")
    int blocks;

    @Option(names = "--block-rows", defaultValue = "200000", description = "Rows per block (default: ${DEFAULT-VALUE}, as the tutorial).")
    int blockRows;

    @Option(names = "--memory-budget", defaultValue = "1024", paramLabel = "MB",
            description = "Blocks are kept in memory up to this size and spilled once to a temp file beyond it (default: ${DEFAULT-VALUE}).")
    long memoryBudgetMb;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for the larger grid: local[N] or spark://host:port (default: embedded Spark local[*]).")
    String master = "local[*]";

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The shared secret of a Spark cluster started with --authenticate.")
    Path secretFile;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report with charts into DIR: index.html and PNG images (DIR is created if missing).")
    Path reportDir;

    private TutorialReport report;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        if (blocks < 1 || blockRows < 1 || memoryBudgetMb < 0) {
            throw new IllegalArgumentException("invalid value: --blocks and --block-rows must be >= 1 and --memory-budget >= 0 (got "
                    + blocks + ", " + blockRows + ", " + memoryBudgetMb + ")");
        }
        if (reportDir != null) {
            checkReportDir(reportDir);
        }
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        Backend backend = Backends.select();
        report = reportDir == null ? null : new TutorialReport(backend.name(), Runtime.getRuntime().availableProcessors());
        out.println("ParaML tutorial — the Dask-ML tutorial on the JVM (backend: " + backend.name() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores)");
        out.println();
        Dataset d = makeData();
        svcStep(d, "Step 2. Fit a support vector classifier: SVC(random_state=0)", new SVC().randomState(0L), true);
        svcStep(d, "Step 3. Hyperparameters matter: SVC(C=0.00001, shrinking=False, random_state=0)",
                new SVC().C(1e-5).shrinking(false).randomState(0L), false);
        gridSearchSteps(d);
        largerGridStep(d);
        kmeansStep(backend);
        writeReport();
        out.println("Done.");
        out.flush();
        return ExitCode.OK;
    }

    private Dataset makeData() {
        out.println("Step 1. Random data: make_classification(n_samples=10000, n_features=4, random_state=0)");
        long t0 = System.nanoTime();
        Dataset d = new MakeClassification().nSamples(10000).nFeatures(4).randomState(0).generate();
        out.printf(Locale.ROOT, "  X: %d x %d float64, y: %d labels, made in %.1f ms (the same arrays as scikit-learn)%n",
                d.x().rows(), d.x().cols(), d.y().length, (System.nanoTime() - t0) / 1e6);
        out.println("  X[:8] =");
        printRows(d.x(), 8);
        out.println("  y[:8] = " + Arrays.toString(Arrays.copyOf(d.y(), 8)));
        int[] counts = Labels.counts(d.y(), Labels.classes(d.y()));
        out.println("  class counts: " + Arrays.toString(counts));
        out.println();
        if (report != null) {
            report.add(new ReportStep.Data("Step 1. Random data: make_classification(n_samples=10000, n_features=4, random_state=0)",
                    d.x().rows(), d.x().cols(), counts));
        }
        return d;
    }

    private void svcStep(Dataset d, String title, SVC svc, boolean showWarmFit) {
        out.println(title);
        long t0 = System.nanoTime();
        SVCModel model = svc.fit(d.x(), d.y());
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "  fitted in %.2f s; n_support = %s%n", seconds, Arrays.toString(model.nSupport()));
        if (showWarmFit) {
            // the first fit in a fresh JVM also pays for class loading and the JIT compiling the kernels
            long t1 = System.nanoTime();
            svc.fit(d.x(), d.y());
            out.printf(Locale.ROOT, "  (that first fit includes the JVM's warm-up: the JIT compiling ParaML's kernels;"
                    + " fitted again: %.2f s)%n", (System.nanoTime() - t1) / 1e9);
        }
        out.println("  support_vectors_[:4] =");
        printRows(model.supportVectors(), 4);
        double accuracy = model.score(d.x(), d.y());
        out.printf(Locale.ROOT, "  accuracy (score on the training data) = %.4f%n%n", accuracy);
        out.flush();
        if (report != null) {
            report.add(new ReportStep.Svc(title, model.nSupport(), accuracy, seconds));
        }
    }

    /** The tutorial's estimator of every search: {@code SVC(gamma='auto', random_state=0, probability=True)}. */
    static SVC searchEstimator() {
        return new SVC().gamma("auto").randomState(0L).probability(true);
    }

    /**
     * Steps 4 and 5: {@code GridSearchCV(estimator, {'C': [0.001, 10.0], 'kernel': ['rbf', 'poly']},
     * verbose=2, cv=2, n_jobs=nJobs)}.
     */
    static GridSearchCV tutorialGridSearch(int nJobs) {
        Map<String, List<?>> grid = Map.of("C", List.of(0.001, 10.0), "kernel", List.of("rbf", "poly"));
        return new GridSearchCV(searchEstimator(), grid).cv(2).verbose(2).nJobs(nJobs);
    }

    /**
     * Step 6: {@code GridSearchCV(estimator, {'C': [0.001, 0.1, 1.0, 2.5, 5, 10.0]}, verbose=2, cv=5,
     * n_jobs=-1)}, as the tutorial's larger grid.
     */
    static GridSearchCV largerGridSearch() {
        Map<String, List<?>> grid = Map.of("C", List.of(0.001, 0.1, 1.0, 2.5, 5, 10.0));
        return new GridSearchCV(searchEstimator(), grid).cv(5).verbose(2).nJobs(-1);
    }

    private void gridSearchSteps(Dataset d) {
        out.println("Step 4. Hyperparameter search, serial: GridSearchCV(SVC(gamma='auto', probability=True, random_state=0),");
        out.println("        {'C': [0.001, 10.0], 'kernel': ['rbf', 'poly']}, cv=2, verbose=2)");
        double serial = search("Step 4. GridSearchCV over {C: [0.001, 10.0], kernel: [rbf, poly]}, cv=2, serial (n_jobs=1)",
                tutorialGridSearch(1), d);
        out.println("Step 5. The same search on all cores: n_jobs=-1 (threads sharing one copy of the data)");
        double parallel = search("Step 5. The same search on all cores (n_jobs=-1)",
                tutorialGridSearch(-1), d);
        out.printf(Locale.ROOT, "  all cores vs serial: %.2f s vs %.2f s (%.1fx)%n%n", parallel, serial, serial / parallel);
    }

    private void largerGridStep(Dataset d) {
        GridSearchCV search = largerGridSearch();
        String title = "Step 6. A larger grid: {'C': [0.001, 0.1, 1.0, 2.5, 5, 10.0]}, cv=5";
        if (!SparkBridge.available()) {
            out.println(title + ", on all cores");
            out.println("  (Spark is not on the class path, so the local searcher runs it; bin/paraml adds Spark)");
            search(title + ", n_jobs=-1", search, d);
        } else {
            out.println(title + ", on Spark " + master);
            out.println("  (the data are broadcast once, as joblib.parallel_backend('dask', scatter=[X, y]))");
            try (AutoCloseable spark = (AutoCloseable) SparkBridge.searchExecutor(master, secretFile)) {
                search(title + ", on Spark " + master, search.executor((org.paraml.selection.SearchExecutor) spark), d);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Spark at " + master + ": " + e.getMessage(), e);
            }
        }
        out.println();
    }

    /** Runs a search, printing its verbose lines and result (and reporting it as {@code title}); returns its wall time in seconds. */
    private double search(String title, GridSearchCV search, Dataset d) {
        long t0 = System.nanoTime();
        SearchResult r;
        try (SearchProgressDisplay progress = SearchProgressDisplay.create(err, true)) {
            r = search.verboseSink(line -> {
                out.println("  " + line);
                out.flush();
            }).progress(progress).fit(d.x(), d.y());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "  wall time %.2f s; best_params_ = %s, best_score_ = %.4f%n", seconds, r.bestParams(),
                r.bestScore());
        out.println("  mean_test_score per candidate: " + formatScores(r));
        out.flush();
        if (report != null) {
            report.search(title, r, seconds);
        }
        return seconds;
    }

    private void kmeansStep(Backend backend) {
        long rows = (long) blocks * blockRows;
        out.printf(Locale.ROOT, "Step 7. Data larger than memory: %d blocks of make_blobs(n_samples=%d, centers=template, n_features=20,%n",
                blocks, blockRows);
        out.printf(Locale.ROOT, "        random_state=i) = %,d rows (%.1f GB as float64), made block by block%n", rows,
                rows * 20 * 8 / 1e9);
        out.println("        KMeans(init_max_iter=3, oversampling_factor=10) out of core");
        out.println("  template centers_[:4] (first 4 of 20 features) =");
        printRows(TutorialBlobs.template().rowRange(0, 4), 4);
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        try (BlockProgressDisplay progress = new BlockProgressDisplay(err, "kmeans", false);
             Blocks data = TutorialBlobs.blocks(blocks, blockRows).persist(memoryBudgetMb << 20, threads, null, progress)) {
            double made = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            int[] first = new int[(int) Math.min(10, rows)];
            // labels stream out during the final pass; keep the first ten, as clf.labels_[:10].compute()
            KMeansModel model = new KMeans().initMaxIter(3).oversamplingFactor(10).backend(backend).threads(threads)
                    .progress(progress).fit(data, (block, firstRow, labels, n) -> {
                        if (firstRow < first.length) {
                            System.arraycopy(labels, 0, first, (int) firstRow, (int) Math.min(n, first.length - firstRow));
                        }
                    });
            double fit = (System.nanoTime() - t1) / 1e9;
            progress.close();
            out.printf(Locale.ROOT, "  blocks made (and kept or spilled) in %.1f s; KMeans fitted in %.1f s, n_iter = %d%n",
                    made, fit, model.nIter());
            out.printf(Locale.ROOT, "  inertia_ = %.6g%n", model.inertia());
            out.println("  cluster_centers_[:4] (first 4 of 20 features) =");
            printRows(model.clusterCenters().rowRange(0, 4), 4);
            out.println("  labels_[:10] = " + Arrays.toString(first));
            out.println();
            if (report != null) {
                report.kmeans(String.format(Locale.ROOT, "Step 7. KMeans(init_max_iter=3, oversampling_factor=10) on %d "
                        + "blocks of %d rows, out of core", blocks, blockRows), model, data, fit);
            }
        }
    }

    /**
     * Checks before any step runs that the report can be written into {@code dir}: it is a folder, or
     * its nearest existing ancestor is a writable folder (so that it can be created), not a file.
     */
    static void checkReportDir(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("invalid value for --report: " + dir + " is a file, not a folder");
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return; // nothing of it exists (a root that is not mounted): left to the write
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException("invalid value for --report: " + dir + " cannot be created: "
                    + existing + " is a file, not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException("invalid value for --report: " + dir + (existing.equals(
                    dir.toAbsolutePath().normalize()) ? " is not writable" : " cannot be created: " + existing
                    + " is not writable"));
        }
    }

    /** Writes the report, with --report, and says where. */
    private void writeReport() {
        if (report == null) {
            return;
        }
        try {
            Path index = ReportWriter.write(report, reportDir);
            out.println("Report: " + index.toAbsolutePath() + " (open it in a browser)");
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write the report to " + reportDir + ": " + e, e));
        }
    }

    private static String formatScores(SearchResult r) {
        double[] mean = r.cvResults().meanTestScore();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mean.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(r.cvResults().params().get(i)).append(String.format(Locale.ROOT, " %.4f", mean[i]));
        }
        return sb.toString();
    }

    private void printRows(Matrix m, int n) {
        for (int i = 0; i < Math.min(n, m.rows()); i++) {
            StringBuilder sb = new StringBuilder("    [");
            for (int j = 0; j < Math.min(4, m.cols()); j++) {
                sb.append(String.format(Locale.ROOT, "%12.8f", m.get(i, j)));
            }
            out.println(sb.append(m.cols() > 4 ? " ... ]" : " ]"));
        }
    }
}
