package org.paraml.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.backend.Backend;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.data.NpyWriter;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml kmeans}: KMeans with k-means|| on in-memory or out-of-core data. */
@Command(name = "kmeans",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Cluster rows with KMeans: k-means|| initialisation, then Lloyd iterations.",
                "Data larger than RAM stream through block by block. Data: a .npy file or a folder of them (read "
                        + "by row ranges), a .csv file, or the Dask-ML tutorial's generated blobs (--blobs)."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml kmeans --blobs 100 --n-clusters 12 --init-max-iter 3 \\",
                "      --oversampling-factor 10 --random-state 0",
                "  paraml kmeans --x X.npy --n-clusters 8 --labels-out labels.npy --json",
                "  paraml kmeans --x blocks/ --n-clusters 12 --init k-means++ --n-init 3 \\",
                "      --backend scalar"})
final class KMeansCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final class Source {
        @Option(names = "--x", paramLabel = "FILE|DIR", description = "A .npy file (or a folder of .npy files, in name order) or a .csv file.")
        Path x;

        @Option(names = "--blobs", paramLabel = "N_BLOCKS",
                description = "The tutorial's data: N blocks, block i = make_blobs(n_samples=block_rows, centers=template, random_state=i).")
        Integer blobs;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--block-rows", defaultValue = "200000", description = "Rows per block (default: ${DEFAULT-VALUE}).")
    int blockRows;

    @Option(names = "--n-features", defaultValue = "20", description = "Features of --blobs data (default: ${DEFAULT-VALUE}).")
    int nFeatures;

    @Option(names = "--centers", defaultValue = "12", description = "Template centres of --blobs data (default: ${DEFAULT-VALUE}).")
    int centers;

    @Option(names = "--n-clusters", defaultValue = "8", description = "Number of clusters k (default: ${DEFAULT-VALUE}).")
    int nClusters;

    @Option(names = "--init", defaultValue = "k-means||", paramLabel = "k-means|||k-means++|random|FILE",
            description = "Initialisation: k-means|| (default), k-means++, random, or a .npy/.csv file of k initial centres.")
    String init;

    @Option(names = "--oversampling-factor", defaultValue = "2", description = "k-means|| samples about this × n_clusters points per round (default: ${DEFAULT-VALUE}).")
    double oversamplingFactor;

    @Option(names = "--init-max-iter", paramLabel = "R", description = "Rounds of k-means|| (default: about log of the initial cost, as Dask-ML).")
    Integer initMaxIter;

    @Option(names = "--max-iter", defaultValue = "300", description = "Most Lloyd iterations (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", defaultValue = "1e-4", description = "Convergence tolerance, relative to the mean feature variance (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--n-init", defaultValue = "10", description = "Runs of k-means++ or random initialisation; the best is kept (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--random-state", paramLabel = "SEED", description = "Seed, 0 to 2^32-1 (default: fresh).")
    Long randomState;

    @Option(names = "--threads", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = "--memory-budget", defaultValue = "1024", paramLabel = "MB",
            description = "Generated --blobs data is kept in memory up to this size and spilled once to a local file beyond it (default: ${DEFAULT-VALUE}).")
    long memoryBudgetMb;

    @Option(names = "--spill-dir", paramLabel = "DIR", description = "Where spill files go (default: the system temp folder); removed at the end.")
    Path spillDir;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--master", paramLabel = "URL", description = {"Fit on Spark: local[N] (threads of this JVM) or "
            + "spark://host:port (a standalone cluster); blocks are made or read on the executors. The centres equal "
            + "those of the local fit."})
    String master;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "The shared secret of a Spark cluster started with --authenticate.")
    Path secretFile;

    @Option(names = "--labels-out", paramLabel = "FILE", description = "Write every row's label (.npy, int64), streamed block by block.")
    Path labelsOut;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--x", source.x);
        inputs.put("--init", initMethod() ? null : Path.of(init));
        inputs.put("--secret-file", secretFile);
        OutputFiles.check(inputs, labelsOut == null ? Map.of() : Map.of("--labels-out", labelsOut));
        checkLabelsOutsideInputFolder();
        KMeans kmeans = estimator();
        Backend backend = backendOption.resolve();
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) {
            throw new IllegalArgumentException("invalid value for option '--threads': " + nThreads + " (allowed: >= 1)");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("invalid value for option '--block-rows': " + blockRows + " (allowed: >= 1)");
        }
        if (memoryBudgetMb < 0) {
            throw new IllegalArgumentException("invalid value for option '--memory-budget': " + memoryBudgetMb + " (allowed: >= 0)");
        }
        if (spillDir != null && Files.exists(spillDir) && !Files.isDirectory(spillDir)) {
            throw new IllegalArgumentException("invalid value for option '--spill-dir': '" + spillDir
                    + "' is not a folder (allowed: a folder, existing or to be created)");
        }
        PrintWriter err = spec.commandLine().getErr();
        if (master != null) {
            return fitOnSpark(kmeans.threads(nThreads).backend(backend), backend);
        } else if (secretFile != null) {
            throw new IllegalArgumentException("option '--secret-file' needs '--master'");
        }
        try (BlockProgressDisplay progress = new BlockProgressDisplay(err, "kmeans", json);
             Blocks data = openData(nThreads, progress)) {
            kmeans = kmeans.threads(nThreads).backend(backend).progress(progress);
            checkInitFeatures(data.cols());
            long t0 = System.nanoTime();
            KMeansModel model;
            try {
                model = fit(kmeans, data);
            } catch (IllegalArgumentException e) {
                throw new BadInputFileException(dataName() + ": " + e.getMessage(), e);
            }
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            progress.close();
            report(model, backend, data, fitSeconds);
        }
        return ExitCode.OK;
    }

    /** {@code --master}: the blocks are made (--blobs) or read (.npy) on the executors. */
    private int fitOnSpark(KMeans kmeans, Backend backend) throws Exception {
        if (labelsOut != null) {
            throw new IllegalArgumentException("option '--labels-out' is not available with '--master' (the labels stay "
                    + "on the executors); fit locally, or predict with the saved centres");
        }
        if (!SparkBridge.available()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("paraml: error: option '--master': " + SparkBridge.MISSING);
            err.flush();
            return ExitCode.FAILURE;
        }
        org.paraml.spark.BlockSpec blocksSpec;
        if (source.blobs != null) {
            if (source.blobs < 1) {
                throw new IllegalArgumentException("invalid value for option '--blobs': " + source.blobs + " (allowed: >= 1)");
            }
            if (nFeatures != TutorialBlobs.N_FEATURES || centers != TutorialBlobs.N_CENTERS) {
                throw new IllegalArgumentException("with '--master', --blobs makes the tutorial's blobs: --n-features 20 "
                        + "and --centers 12 (got " + nFeatures + ", " + centers + ")");
            }
            blocksSpec = org.paraml.spark.BlockSpec.tutorialBlobs(source.blobs, blockRows);
        } else if (source.x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy") || Files.isDirectory(source.x)) {
            try {
                blocksSpec = org.paraml.spark.BlockSpec.npy(source.x, blockRows);
            } catch (IOException e) {
                throw new BadInputFileException("option '--x': " + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException("with '--master', --x must be a .npy file or a folder of them that every "
                    + "executor can read (got " + source.x + ")");
        }
        long t0 = System.nanoTime();
        KMeansModel model = SparkBridge.kmeans(master, secretFile, blocksSpec, kmeans);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        try (Blocks shape = source.blobs != null ? TutorialBlobs.blocks(source.blobs, blockRows) : Blocks.npy(source.x, blockRows)) {
            report(model, backend, shape, fitSeconds);
        }
        return ExitCode.OK;
    }

    /**
     * A .npy labels file written into the folder that --x reads would be read as data by the next run
     * (silently, when the data have one feature): refused.
     */
    private void checkLabelsOutsideInputFolder() {
        if (labelsOut == null || source.x == null || !Files.isDirectory(source.x)
                || !labelsOut.getFileName().toString().endsWith(".npy")) {
            return;
        }
        Path folder = labelsOut.toAbsolutePath().normalize().getParent();
        Path input = source.x.toAbsolutePath().normalize();
        boolean same;
        try {
            same = folder.equals(input) || Files.isSameFile(folder, input);
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            throw new IllegalArgumentException("invalid value for option '--labels-out': '" + labelsOut
                    + "' is in the folder --x " + source.x + " reads, so it would be read as data next time "
                    + "(allowed: a file outside that folder)");
        }
    }

    /** Whether --init names a method (k-means||, k-means++, random) rather than a file. */
    private boolean initMethod() {
        String method = init.trim();
        return method.equals(KMeans.K_MEANS_PARALLEL) || method.equals(KMeans.K_MEANS_PLUS_PLUS)
                || method.equals(KMeans.RANDOM);
    }

    /** The centres read from an --init file, or null. */
    private Matrix initCentres;

    /** The initial centres must have the data's features: said of --init, not of the data. */
    private void checkInitFeatures(long features) throws BadInputFileException {
        if (initCentres != null && initCentres.cols() != features) {
            throw new BadInputFileException("--init " + init + ": " + initCentres.cols() + " feature(s) per centre, but "
                    + dataName() + " has " + features, null);
        }
    }

    private KMeans estimator() throws IOException {
        KMeans k = new KMeans().nClusters(nClusters).oversamplingFactor(oversamplingFactor).initMaxIter(initMaxIter)
                .maxIter(maxIter).tol(tol).nInit(nInit);
        String method = init.trim();
        if (initMethod()) {
            k = k.init(method);
        } else if (Files.isRegularFile(Path.of(init))) {
            initCentres = InputFiles.readMatrix(Path.of(init), "--init");
            if (initCentres.rows() != nClusters) {
                throw new BadInputFileException("--init " + init + ": " + initCentres.rows() + " initial centre(s), but "
                        + "--n-clusters is " + nClusters + " (the file must hold one row per cluster)", null);
            }
            try {
                k = k.init(initCentres);
            } catch (IllegalArgumentException e) {
                throw new BadInputFileException("--init " + init + ": " + e.getMessage(), e);
            }
        } else {
            throw new IllegalArgumentException("invalid value for option '--init': '" + init
                    + "' (allowed: k-means||, k-means++, random, or an existing .npy/.csv file of initial centres)");
        }
        if (randomState != null) {
            k = k.randomState(Options.checkSeed("--random-state", randomState));
        }
        return k;
    }

    private Blocks openData(int nThreads, BlockProgressDisplay progress) throws IOException {
        if (source.blobs != null) {
            if (source.blobs < 1) {
                throw new IllegalArgumentException("invalid value for option '--blobs': " + source.blobs + " (allowed: >= 1)");
            }
            Blocks generated = TutorialBlobs.blocks(source.blobs, blockRows, nFeatures, centers);
            // Lloyd reads the data many times: make the blocks once, keep or spill them.
            try {
                return generated.persist(memoryBudgetMb << 20, nThreads, spillDir, progress);
            } catch (UncheckedIOException e) {
                // keep the spill's own message (which folder or file, what failed), not only its cause's
                throw new IOException(e.getMessage() + " (choose another folder with --spill-dir, or raise "
                        + "--memory-budget to keep the blocks in memory)", e.getCause());
            }
        }
        Path x = source.x;
        if (!Files.exists(x)) {
            throw new BadInputFileException("option '--x': no such file or folder: " + x, null);
        }
        if (Files.isRegularFile(x) && !x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            Matrix m = InputFiles.readMatrix(x, "--x");
            return Blocks.of(m, blockRows);
        }
        List<Path> files;
        try {
            files = Blocks.npyFiles(x);
        } catch (IOException e) {
            throw new BadInputFileException("option '--x': " + e.getMessage(), e);
        }
        for (Path f : files) {
            InputFiles.requireTwoDimensional(f, "--x"); // as scikit-learn, no 1-D data
        }
        try {
            return Blocks.npy(x, blockRows);
        } catch (IOException e) {
            throw new BadInputFileException("option '--x': " + e.getMessage(), e);
        }
    }

    private KMeansModel fit(KMeans kmeans, Blocks data) throws IOException {
        if (labelsOut == null) {
            return kmeans.fit(data);
        }
        NpyWriter w;
        try {
            w = NpyWriter.int64(labelsOut, data.rows());
        } catch (IOException e) {
            throw OutputFiles.failure("--labels-out", labelsOut, e);
        }
        try {
            KMeansModel model = kmeans.fit(data, (block, first, labels, rows) -> {
                try {
                    w.writeInts(labels, 0, rows);
                } catch (IOException e) {
                    throw OutputFiles.failure("--labels-out", labelsOut, e);
                }
            });
            try {
                w.close();
            } catch (IOException e) {
                throw OutputFiles.failure("--labels-out", labelsOut, e);
            }
            return model;
        } finally {
            w.abort(); // after a failure: no temporary file left; after close: nothing to do
        }
    }

    private String dataName() {
        return source.blobs != null ? "--blobs " + source.blobs : "--x " + source.x;
    }

    private void report(KMeansModel model, Backend backend, Blocks data, double fitSeconds) {
        PrintWriter out = spec.commandLine().getOut();
        Matrix c = model.clusterCenters();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fit_seconds", fitSeconds);
            f.put("inertia", model.inertia());
            f.put("n_iter", model.nIter());
            f.put("cluster_centers", c.toArray());
            f.put("backend", backend.name());
            f.put("master", master);
            f.put("n_samples", data.rows());
            f.put("n_features", data.cols());
            if (labelsOut != null) {
                f.put("labels_out", labelsOut.toString());
            }
            JsonOutput.print(out, f);
            return;
        }
        out.printf(Locale.ROOT, "KMeans fitted in %.2f s on backend %s%s: %,d rows x %d features in %d blocks%n", fitSeconds,
                backend.name(), master == null ? "" : " (Spark " + master + ")", data.rows(), data.cols(), data.numBlocks());
        out.printf(Locale.ROOT, "  n_iter: %d, inertia: %.6g%n", model.nIter(), model.inertia());
        out.println("  cluster_centers_ (first 4 features):");
        for (int i = 0; i < c.rows(); i++) {
            double[] row = Arrays.copyOf(c.row(i), Math.min(4, c.cols()));
            StringBuilder sb = new StringBuilder("    [");
            for (double v : row) {
                sb.append(String.format(Locale.ROOT, "%10.4f", v));
            }
            out.println(sb.append(c.cols() > 4 ? " ... ]" : " ]"));
        }
        if (labelsOut != null) {
            out.println("  labels written to " + labelsOut);
        }
        out.flush();
    }
}
