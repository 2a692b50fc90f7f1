package org.paraml.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.paraml.backend.Backend;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml svc}: fits scikit-learn's {@code SVC} on .npy/.csv data and reports the model. */
@Command(name = "svc",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Fit a C-support vector classifier (scikit-learn's SVC, libsvm's solver) and report it."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml svc --x X.npy --y y.npy --random-state 0",
                "  paraml svc --x X.npy --y y.npy --C 10 --kernel poly --gamma auto \\",
                "      --probability --json",
                "  paraml svc --x X.npy --y y.npy --C 1e-5 --no-shrinking --backend scalar \\",
                "      --save model.zip"})
final class SvcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--x", required = true, paramLabel = "FILE", description = "Training samples (.npy or .csv), n_samples × n_features.")
    Path xFile;

    @Option(names = "--y", required = true, paramLabel = "FILE", description = "Integer class labels (.npy or one-column .csv), n_samples.")
    Path yFile;

    @Option(names = "--C", defaultValue = "1.0", description = "Regularisation parameter, > 0 (default: ${DEFAULT-VALUE}).")
    double c;

    @Option(names = "--kernel", defaultValue = "rbf", description = "linear, poly, rbf, sigmoid or precomputed (default: ${DEFAULT-VALUE}).")
    String kernel;

    @Option(names = "--degree", defaultValue = "3", description = "Degree of the poly kernel, >= 0 (default: ${DEFAULT-VALUE}).")
    int degree;

    @Option(names = "--gamma", defaultValue = "scale", paramLabel = "scale|auto|G",
            description = "Kernel coefficient: scale (1/(n_features·X.var())), auto (1/n_features) or a number >= 0 (default: ${DEFAULT-VALUE}).")
    String gamma;

    @Option(names = "--coef0", defaultValue = "0.0", description = "Independent term of the poly and sigmoid kernels (default: ${DEFAULT-VALUE}).")
    double coef0;

    @Option(names = "--shrinking", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Use the shrinking heuristic (default: true; --no-shrinking to turn it off).")
    boolean shrinking;

    @Option(names = "--probability", description = "Fit probability estimates (Platt scaling with an internal 5-fold CV).")
    boolean probability;

    @Option(names = "--tol", defaultValue = "1e-3", description = "Stopping tolerance, > 0 (default: ${DEFAULT-VALUE}).")
    double tol;

    @Option(names = "--cache-size", defaultValue = "200", paramLabel = "MB", description = "Kernel cache in megabytes (default: ${DEFAULT-VALUE}).")
    double cacheSize;

    @Option(names = "--class-weight", paramLabel = "balanced|CLASS=W,...",
            description = "Per-class factors of C: 'balanced', or a list such as 0=1,1=2.5 (default: none).")
    String classWeight;

    @Option(names = "--max-iter", defaultValue = "-1", description = "Most solver iterations, -1 for no limit (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--decision-function-shape", defaultValue = "ovr", description = "ovr or ovo (default: ${DEFAULT-VALUE}).")
    String decisionFunctionShape;

    @Option(names = "--break-ties", description = "With ovr and more than two classes, break ties by the decision function.")
    boolean breakTies;

    @Option(names = "--random-state", paramLabel = "SEED", description = "Seed of the probability CV shuffle, 0 to 2^32-1 (default: fresh).")
    Long randomState;

    @Option(names = "--threads", description = "Threads of the fit: kernel columns, one-vs-one pairs, probability's"
            + " cross-validation, half of each SMO step of a large solve (default: all cores).")
    Integer threads;

    @Mixin
    BackendOption backendOption;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the fitted model (a zip of JSON and .npy arrays).")
    Path save;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OutputFiles.check(inputs(), save == null ? Map.of() : Map.of("--save", save));
        SVC svc = estimator();
        Backend backend = backendOption.resolve();
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("invalid value for option '--threads': " + threads + " (allowed: >= 1)");
        }
        Matrix x = InputFiles.readData(xFile, "--x");
        int[] y = InputFiles.readLabels(yFile, "--y");
        svc = svc.backend(backend);
        if (threads != null) {
            svc = svc.threads(threads);
        }

        long t0 = System.nanoTime();
        SVCModel model;
        try {
            model = svc.fit(x, y);
        } catch (IllegalArgumentException e) {
            // Parameters were validated above, so what fit rejects is the data (NaN, one class, lengths).
            throw new BadInputFileException("--x " + xFile + " / --y " + yFile + ": " + e.getMessage(), e);
        }
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        double trainScore = model.score(x, y);
        if (save != null) {
            OutputFiles.write("--save", save, model::save);
        }
        report(model, backend, fitSeconds, trainScore);
        return ExitCode.OK;
    }

    private Map<String, Path> inputs() {
        Map<String, Path> in = new LinkedHashMap<>();
        in.put("--x", xFile);
        in.put("--y", yFile);
        return in;
    }

    private SVC estimator() {
        SVC svc = new SVC().C(c).kernel(kernel).degree(degree).coef0(coef0)
                .shrinking(shrinking).probability(probability).tol(tol).cacheSize(cacheSize).maxIter(maxIter)
                .decisionFunctionShape(decisionFunctionShape).breakTies(breakTies);
        String g = gamma.trim(); // as scikit-learn: the words are lower case
        svc = g.equals("scale") || g.equals("auto") ? svc.gamma(g)
                : svc.gamma(Options.parseDouble("--gamma", gamma, "scale, auto or a number >= 0"));
        if (classWeight != null) {
            svc = classWeight.trim().equals("balanced") ? svc.classWeightBalanced()
                    : svc.classWeight(parseClassWeights(classWeight));
        }
        if (randomState != null) {
            svc = svc.randomState(Options.checkSeed("--random-state", randomState));
        }
        return svc;
    }

    static Map<Integer, Double> parseClassWeights(String text) {
        Map<Integer, Double> weights = new TreeMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            Double before;
            try {
                before = weights.put(Integer.parseInt(kv[0].trim()), Double.parseDouble(kv[1].trim()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid value for option '--class-weight': '" + text
                        + "' (allowed: 'balanced' or CLASS=WEIGHT pairs such as 0=1,1=2.5)", e);
            }
            if (before != null) {
                throw new IllegalArgumentException("invalid value for option '--class-weight': '" + text
                        + "' gives class " + kv[0].trim() + " twice (allowed: each class once)");
            }
        }
        return weights;
    }

    private void report(SVCModel model, Backend backend, double fitSeconds, double trainScore) {
        var out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fit_seconds", fitSeconds);
            f.put("n_support", model.nSupport());
            f.put("intercept", model.intercept());
            f.put("train_score", trainScore);
            f.put("classes", model.classes());
            f.put("backend", backend.name());
            f.put("n_iter", model.nIter());
            f.put("fit_status", model.fitStatus());
            if (save != null) {
                f.put("saved", save.toString());
            }
            JsonOutput.print(out, f);
            return;
        }
        out.printf(Locale.ROOT, "SVC fitted in %.3f s on backend %s%n", fitSeconds, backend.name());
        out.println("  classes:    " + java.util.Arrays.toString(model.classes()));
        out.println("  n_support:  " + java.util.Arrays.toString(model.nSupport()));
        out.println("  intercept:  " + java.util.Arrays.toString(model.intercept()));
        out.printf(Locale.ROOT, "  accuracy on the training data: %.4f%n", trainScore);
        if (save != null) {
            out.println("  saved to " + save);
        }
        out.flush();
    }
}
