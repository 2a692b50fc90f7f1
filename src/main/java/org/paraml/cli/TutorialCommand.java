package org.paraml.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.paraml.data.Dataset;
import org.paraml.data.Labels;
import org.paraml.data.MakeClassification;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.linalg.Matrix;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code paraml tutorial}: the Dask-ML tutorial, step by step, in ParaML. Steps are added as the
 * estimators they need land; the ones not yet available are listed, not faked.
 */
@Command(name = "tutorial",
        mixinStandardHelpOptions = true,
        description = {"Walk through the Dask-ML tutorial in ParaML, printing what each step does and what it gets."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml tutorial"})
final class TutorialCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("ParaML tutorial — the Dask-ML tutorial on the JVM");
        out.println();
        out.println("Step 1. Random data: make_classification(n_samples=10000, n_features=4, random_state=0)");
        long t0 = System.nanoTime();
        Dataset d = new MakeClassification().nSamples(10000).nFeatures(4).randomState(0).generate();
        double ms = (System.nanoTime() - t0) / 1e6;
        Matrix x = d.x();
        out.printf("  X: %d x %d float64, y: %d labels, made in %.1f ms (the same arrays as scikit-learn)%n",
                x.rows(), x.cols(), d.y().length, ms);
        out.println("  X[:8] =");
        for (int i = 0; i < 8; i++) {
            StringBuilder sb = new StringBuilder("    [");
            for (int j = 0; j < x.cols(); j++) {
                sb.append(String.format("%12.8f", x.get(i, j)));
            }
            out.println(sb.append(" ]"));
        }
        out.println("  y[:8] = " + Arrays.toString(Arrays.copyOf(d.y(), 8)));
        int[] classes = Labels.classes(d.y());
        out.println("  class counts: " + Arrays.toString(Labels.counts(d.y(), classes)));
        out.println();
        svcStep(out, d, "Step 2. Fit a support vector classifier: SVC(random_state=0)", new SVC().randomState(0L));
        svcStep(out, d, "Step 3. Hyperparameters matter: SVC(C=0.00001, shrinking=False, random_state=0)",
                new SVC().C(1e-5).shrinking(false).randomState(0L));
        out.println("Steps still to come in this build (each lands with its estimator):");
        out.println("  4. GridSearchCV over C and kernel, serial and on all cores");
        out.println("  5. the larger grid on Spark");
        out.println("  6. KMeans(init_max_iter=3, oversampling_factor=10) on out-of-core blocks");
        out.flush();
        return ExitCode.OK;
    }

    private static void svcStep(PrintWriter out, Dataset d, String title, SVC svc) {
        out.println(title);
        Backend backend = Backends.select();
        long t0 = System.nanoTime();
        SVCModel model = svc.backend(backend).fit(d.x(), d.y());
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("  fitted in %.2f s on the %s backend; n_support = %s%n", seconds, backend.name(),
                Arrays.toString(model.nSupport()));
        out.println("  support_vectors_[:4] =");
        Matrix sv = model.supportVectors();
        for (int i = 0; i < Math.min(4, sv.rows()); i++) {
            StringBuilder sb = new StringBuilder("    [");
            for (int j = 0; j < sv.cols(); j++) {
                sb.append(String.format("%12.8f", sv.get(i, j)));
            }
            out.println(sb.append(" ]"));
        }
        out.printf("  accuracy (score on the training data) = %.4f%n%n", model.score(d.x(), d.y()));
        out.flush();
    }
}
