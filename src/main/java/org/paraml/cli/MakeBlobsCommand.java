package org.paraml.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.data.Blobs;
import org.paraml.data.MakeBlobs;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml datasets make-blobs}: scikit-learn's {@code make_blobs}. */
@Command(name = "make-blobs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Generate isotropic Gaussian blobs for clustering, as sklearn.datasets.make_blobs.",
                "The same arrays as scikit-learn's for the same --random-state."},
        footerHeading = "%nExamples:%n",
        footer = {"  paraml datasets make-blobs --n-samples 1000 --centers 12 --n-features 20 \\",
                "      --random-state 0 --out-x X.npy --out-y y.npy",
                "  paraml datasets make-blobs --n-samples 100,200,50 --cluster-std 0.5,1,2 \\",
                "      --center-box=-5,5 --random-state 1 --out-x X.npy --out-y y.npy \\",
                "      --out-centers C.npy --json",
                "  paraml datasets make-blobs --n-samples 200000 --centers template.npy \\",
                "      --n-features 20 --random-state 7 --out-x block7.npy --out-y y7.npy"})
final class MakeBlobsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n-samples", defaultValue = "100", split = ",", paramLabel = "N",
            description = "Total number of samples split evenly over the centres, or one count per centre, comma separated (default: ${DEFAULT-VALUE}).")
    int[] nSamples;

    @Option(names = "--n-features", defaultValue = "2", description = "Number of features (default: ${DEFAULT-VALUE}).")
    int nFeatures;

    @Option(names = "--centers", paramLabel = "K|FILE",
            description = "Number of centres to draw in --center-box, or a .npy/.csv file of fixed centres (one per row). Default: 3, or as many as --n-samples counts.")
    String centers;

    @Option(names = "--cluster-std", defaultValue = "1.0", split = ",", paramLabel = "STD",
            description = "Standard deviation of the clusters: one value, or one per centre (default: ${DEFAULT-VALUE}).")
    double[] clusterStd;

    @Option(names = "--center-box", defaultValue = "-10.0,10.0", split = ",", paramLabel = "LO,HI",
            description = "Bounding box of randomly drawn centres, as --center-box=LO,HI (default: -10.0,10.0).")
    double[] centerBox;

    @Option(names = "--shuffle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Shuffle the samples (default: true).")
    boolean shuffle;

    @Option(names = "--random-state", paramLabel = "SEED", description = "Seed of the numpy-compatible generator, 0 to 2^32-1 (default: a fresh random seed).")
    Long randomState;

    @Option(names = "--out-centers", paramLabel = "FILE", description = "Also write the centres (.npy, float64, n_centers × n_features).")
    Path outCenters;

    @Mixin
    DatasetOutput output;

    @Override
    public Integer call() throws Exception {
        boolean centersFile = centers != null && !centersAreCount();
        output.check(centersFile ? Map.of("--centers", Path.of(centers)) : Map.of(),
                outCenters == null ? Map.of() : Map.of("--out-centers", outCenters));
        if (centerBox.length != 2) {
            throw new IllegalArgumentException("invalid value for option '--center-box': " + centerBox.length
                    + " value(s) (allowed: exactly two numbers LO,HI, e.g. --center-box=-10,10)");
        }
        MakeBlobs gen = new MakeBlobs().nFeatures(nFeatures).centerBox(centerBox[0], centerBox[1]).shuffle(shuffle);
        gen = nSamples.length == 1 ? gen.nSamples(nSamples[0]) : gen.nSamples(nSamples);
        if (centers != null) {
            gen = centersAreCount() ? gen.centers(Integer.parseInt(centers.trim())) : gen.centers(readCenters());
        }
        gen = clusterStd.length == 1 ? gen.clusterStd(clusterStd[0]) : gen.clusterStd(clusterStd);
        if (randomState != null) {
            gen = gen.randomState(Options.checkSeed("--random-state", randomState));
        }
        Blobs blobs = gen.generateWithCenters();
        Map<String, Object> extra = new LinkedHashMap<>();
        Map<String, Map.Entry<Path, OutputFiles.Writer>> moreWrites = new LinkedHashMap<>();
        if (outCenters != null) {
            moreWrites.put("--out-centers", Map.entry(outCenters, path -> Npy.write(path, blobs.centers())));
            extra.put("out_centers", outCenters.toString());
        }
        extra.put("centers", blobs.centers().toArray());
        output.write(new org.paraml.data.Dataset(blobs.x(), blobs.y()), spec.commandLine().getOut(), extra,
                moreWrites);
        return ExitCode.OK;
    }

    private boolean centersAreCount() {
        return centers.trim().matches("[+-]?\\d+") && !Files.exists(Path.of(centers));
    }

    private Matrix readCenters() throws IOException {
        Path file = Path.of(centers);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("invalid value for option '--centers': '" + centers
                    + "' is neither an integer nor an existing .npy or .csv file");
        }
        return InputFiles.readMatrix(file, "--centers");
    }
}
