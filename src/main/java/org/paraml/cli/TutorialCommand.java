package org.paraml.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.paraml.data.Dataset;
import org.paraml.data.Labels;
import org.paraml.data.MakeClassification;
import org.paraml.linalg.Matrix;
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
        out.println("Steps still to come in this build (each lands with its estimator):");
        out.println("  2. SVC(random_state=0): fit, support vectors, accuracy; SVC(C=1e-5, shrinking=False)");
        out.println("  3. GridSearchCV over C and kernel, serial and on all cores");
        out.println("  4. the larger grid on Spark");
        out.println("  5. KMeans(init_max_iter=3, oversampling_factor=10) on out-of-core blocks");
        out.flush();
        return ExitCode.OK;
    }
}
