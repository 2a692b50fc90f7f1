package org.paraml.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The small workload that {@code bin/paraml} runs once per build and JDK under
 * {@code -XX:ArchiveClassesAtExit}, so that later commands start from a class data sharing archive
 * (AppCDS) of the classes it loaded: ParaML's, picocli's, the Vector API's, and the lambda and method
 * handle classes that the JVM would otherwise generate with ASM in every run.
 *
 * <p>Why: every start otherwise loads those classes and spins its lambda and method handle classes anew, with
 * C2 compiling the class generator (ASM's {@code Frame.execute}) beside the work; with the archive a cold
 * {@code paraml svc} fit of the tutorial's data took 0.1-0.8 s less in each of eight alternated runs
 * (bench/RESULTS.md, session 32). The archive holds class metadata only, no compiled code and no data.
 *
 * <p>It runs each command through {@link Main#run} with its output discarded, on 400 to 40,000 rows in a
 * temporary folder that it removes, and exits with 1 when a command fails (the launcher then keeps no
 * archive).
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Main.configureLogging();
        Path dir = Files.createTempDirectory("paraml-class-archive");
        int failed = 0;
        try (PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream())) {
            for (String[] command : commands(dir.resolve("x.npy").toString(), dir.resolve("y.npy").toString())) {
                if (Main.run(quiet, quiet, command) != 0) {
                    System.err.println("paraml: class archive training: '" + String.join(" ", command) + "' failed");
                    failed++;
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /** The commands: data made, an SVC fit with probabilities, a search on two threads, KMeans in memory and spilled. */
    static List<String[]> commands(String x, String y) {
        return List.of(
                new String[] {"datasets", "make-classification", "--n-samples", "400", "--n-features", "4",
                    "--random-state", "0", "--out-x", x, "--out-y", y, "--json"},
                new String[] {"svc", "--x", x, "--y", y, "--probability", "--random-state", "0", "--json"},
                new String[] {"search", "--x", x, "--y", y, "--estimator", "svc", "--grid", "C=0.1,10",
                    "--grid", "kernel=rbf,poly", "--set", "gamma=auto", "--set", "probability=true", "--cv", "2",
                    "--n-jobs", "2", "--json"},
                new String[] {"kmeans", "--blobs", "2", "--block-rows", "20000", "--n-clusters", "8",
                    "--init-max-iter", "3", "--oversampling-factor", "10", "--random-state", "0", "--json"},
                new String[] {"kmeans", "--blobs", "2", "--block-rows", "20000", "--n-clusters", "8",
                    "--init-max-iter", "3", "--oversampling-factor", "10", "--random-state", "0",
                    "--memory-budget", "0", "--json"});
    }
}
