package org.paraml.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.data.MakeClassification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml datasets make-classification}: scikit-learn's {@code make_classification}. */
@Command(name = "make-classification",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Generate a random n-class classification problem, as sklearn.datasets.make_classification.",
                "The same arrays as scikit-learn's for the same --random-state."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml datasets make-classification --n-samples 10000 --n-features 4 \\",
                "      --random-state 0 --out-x X.npy --out-y y.npy",
                "  paraml datasets make-classification --n-classes 3 --n-informative 3 \\",
                "      --weights 0.5,0.3 --flip-y 0 --random-state 42 \\",
                "      --out-x X.npy --out-y y.npy --json"})
final class MakeClassificationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n-samples", defaultValue = "100", description = "Number of samples (default: ${DEFAULT-VALUE}).")
    int nSamples;

    @Option(names = "--n-features", defaultValue = "20", description = "Total number of features (default: ${DEFAULT-VALUE}).")
    int nFeatures;

    @Option(names = "--n-informative", defaultValue = "2", description = "Number of informative features (default: ${DEFAULT-VALUE}).")
    int nInformative;

    @Option(names = "--n-redundant", defaultValue = "2", description = "Number of random linear combinations of the informative features (default: ${DEFAULT-VALUE}).")
    int nRedundant;

    @Option(names = "--n-repeated", defaultValue = "0", description = "Number of duplicated features (default: ${DEFAULT-VALUE}).")
    int nRepeated;

    @Option(names = "--n-classes", defaultValue = "2", description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int nClasses;

    @Option(names = "--n-clusters-per-class", defaultValue = "2", description = "Number of clusters per class (default: ${DEFAULT-VALUE}).")
    int nClustersPerClass;

    @Option(names = "--weights", split = ",", paramLabel = "W", description = "Proportion of samples per class, comma separated (n_classes or n_classes - 1 values; default: balanced).")
    double[] weights;

    @Option(names = "--flip-y", defaultValue = "0.01", description = "Fraction of samples whose class is assigned randomly (default: ${DEFAULT-VALUE}).")
    double flipY;

    @Option(names = "--class-sep", defaultValue = "1.0", description = "Size of the hypercube's sides (default: ${DEFAULT-VALUE}).")
    double classSep;

    @Option(names = "--hypercube", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Put the clusters on the vertices of a hypercube (default: true; --no-hypercube for a random polytope).")
    boolean hypercube;

    @Option(names = "--shift", defaultValue = "0.0", paramLabel = "SHIFT|none",
            description = "Shift added to the features; 'none' draws a random shift in [-class_sep, class_sep] (default: ${DEFAULT-VALUE}).")
    String shift;

    @Option(names = "--scale", defaultValue = "1.0", paramLabel = "SCALE|none",
            description = "Factor the features are multiplied by; 'none' draws a random scale in [1, 101] (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--shuffle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Shuffle the samples and the features (default: true).")
    boolean shuffle;

    @Option(names = "--random-state", paramLabel = "SEED", description = "Seed of the numpy-compatible generator, 0 to 2^32-1 (default: a fresh random seed).")
    Long randomState;

    @Mixin
    DatasetOutput output;

    @Override
    public Integer call() throws Exception {
        output.check(Map.of(), Map.of());
        MakeClassification gen = new MakeClassification()
                .nSamples(nSamples).nFeatures(nFeatures).nInformative(nInformative).nRedundant(nRedundant)
                .nRepeated(nRepeated).nClasses(nClasses).nClustersPerClass(nClustersPerClass)
                .flipY(flipY).classSep(classSep).hypercube(hypercube).shuffle(shuffle);
        if (weights != null) {
            gen = gen.weights(weights);
        }
        gen = "none".equalsIgnoreCase(shift) ? gen.shiftRandom() : gen.shift(Options.parseDouble("--shift", shift, "a number or 'none'"));
        gen = "none".equalsIgnoreCase(scale) ? gen.scaleRandom() : gen.scale(Options.parseDouble("--scale", scale, "a number or 'none'"));
        if (randomState != null) {
            gen = gen.randomState(Options.checkSeed("--random-state", randomState));
        }
        output.write(gen.generate(), spec.commandLine().getOut(), new LinkedHashMap<>(), Map.of());
        return ExitCode.OK;
    }
}
