package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.backend.ScalarBackend;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.Npy;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

class KMeansCommandTest {
    @TempDir
    Path dir;

    @Test
    void fitsAnNpyFileAsTheLibraryDoesAndStreamsLabels() throws Exception {
        Matrix x = new MakeBlobs().nSamples(3000).centers(5).nFeatures(3).randomState(2).generate().x();
        Path file = dir.resolve("X.npy");
        Npy.write(file, x);
        Path labels = dir.resolve("labels.npy");
        CliRunner r = CliRunner.run("kmeans", "--x", file.toString(), "--n-clusters", "5", "--random-state", "0",
                "--block-rows", "700", "--backend", "scalar", "--threads", "2", "--labels-out", labels.toString(), "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        KMeansModel expected = new KMeans().nClusters(5).randomState(0).blockRows(700).backend(new ScalarBackend())
                .threads(1).fit(x);
        JsonNode json = r.json();
        assertEquals(expected.inertia(), json.get("inertia").asDouble(), 1e-9 * expected.inertia());
        assertEquals(expected.nIter(), json.get("n_iter").asInt());
        assertEquals(5, json.get("cluster_centers").size());
        assertEquals(expected.clusterCenters().get(0, 0), json.get("cluster_centers").get(0).get(0).asDouble(), 1e-9);
        assertEquals("scalar", json.get("backend").asText());
        assertArrayEquals(expected.labels().toArray(), Npy.readInts(labels));
    }

    @Test
    void blobsAreTheTutorialsBlocks() throws Exception {
        CliRunner r = CliRunner.run("kmeans", "--blobs", "3", "--block-rows", "2000", "--n-clusters", "12",
                "--init-max-iter", "3", "--oversampling-factor", "10", "--random-state", "0", "--memory-budget", "0",
                "--spill-dir", dir.toString(), "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        KMeansModel expected;
        try (Blocks b = TutorialBlobs.blocks(3, 2000)) {
            expected = new KMeans().nClusters(12).initMaxIter(3).oversamplingFactor(10).randomState(0).fit(b);
        }
        JsonNode json = r.json();
        assertEquals(6000, json.get("n_samples").asLong());
        assertEquals(20, json.get("n_features").asInt());
        assertEquals(expected.inertia(), json.get("inertia").asDouble(), 1e-9 * expected.inertia());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the spill file is removed at the end");
        }
    }

    /** The text output's numbers are written the same way whatever the JVM's default locale. */
    @Test
    void textIsTheSameInEveryLocale() {
        CliRunner r = CliRunner.runInLocale(java.util.Locale.GERMANY, "kmeans", "--blobs", "1", "--block-rows", "3000",
                "--n-clusters", "4", "--random-state", "0");
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(java.util.regex.Pattern.compile("KMeans fitted in \\d+\\.\\d\\d s .*: 3,000 rows x 20 features")
                .matcher(r.out()).find(), r.out());
        assertTrue(java.util.regex.Pattern.compile("inertia: \\d\\.\\d{5}e\\+\\d\\d").matcher(r.out()).find(), r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRunner both = CliRunner.run("kmeans", "--x", "a.npy", "--blobs", "2");
        assertEquals(ExitCode.USAGE, both.status());
        assertTrue(both.err().contains("--x") && both.err().contains("--blobs"), both.err());
        CliRunner neither = CliRunner.run("kmeans", "--n-clusters", "3");
        assertEquals(ExitCode.USAGE, neither.status());
        CliRunner k0 = CliRunner.run("kmeans", "--blobs", "1", "--block-rows", "100", "--n-clusters", "0");
        assertEquals(ExitCode.USAGE, k0.status());
        assertTrue(k0.err().contains("n_clusters"), k0.err());
        CliRunner init = CliRunner.run("kmeans", "--blobs", "1", "--block-rows", "100", "--init", "farthest");
        assertEquals(ExitCode.USAGE, init.status());
        assertTrue(init.err().contains("--init") && init.err().contains("k-means++"), init.err());
        CliRunner blobs = CliRunner.run("kmeans", "--blobs", "0");
        assertEquals(ExitCode.USAGE, blobs.status());
        assertTrue(blobs.err().contains("--blobs"), blobs.err());
    }

    @Test
    void aSpillFolderThatCannotBeUsedIsNamedInTheError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        CliRunner isFile = CliRunner.run("kmeans", "--blobs", "2", "--block-rows", "500", "--n-clusters", "3",
                "--memory-budget", "0", "--spill-dir", file.toString());
        assertEquals(ExitCode.USAGE, isFile.status(), isFile.err());
        assertTrue(isFile.err().contains("--spill-dir") && isFile.err().contains("not-a-folder")
                && isFile.err().contains("not a folder"), isFile.err());

        CliRunner under = CliRunner.run("kmeans", "--blobs", "2", "--block-rows", "500", "--n-clusters", "3",
                "--memory-budget", "0", "--spill-dir", file.resolve("sub").toString());
        assertEquals(ExitCode.FAILURE, under.status(), under.err());
        assertTrue(under.err().contains("spill") && under.err().contains("--spill-dir")
                && under.err().contains("not-a-folder"), under.err());
        assertFalse(under.err().contains("\tat "), "no stack trace: " + under.err());
    }

    @Test
    void labelsAreNotWrittenIntoTheFolderOfInputFiles() throws Exception {
        // one feature: a labels file in the folder would be read as one more block of data by the next run
        Path parts = Files.createDirectory(dir.resolve("parts"));
        Npy.write(parts.resolve("a.npy"), Matrix.of(new double[][] {{0}, {1}, {10}, {11}}));
        Path labels = parts.resolve("labels.npy");
        CliRunner r = CliRunner.run("kmeans", "--x", parts.toString(), "--n-clusters", "2", "--labels-out",
                labels.toString());
        assertEquals(ExitCode.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("--labels-out") && r.err().contains("labels.npy")
                && r.err().contains("--x"), r.err());
        assertFalse(Files.exists(labels));
        Path beside = dir.resolve("labels.npy");
        CliRunner ok = CliRunner.run("kmeans", "--x", parts.toString(), "--n-clusters", "2", "--labels-out",
                beside.toString());
        assertEquals(ExitCode.OK, ok.status(), ok.err());
    }

    @Test
    void oneDimensionalDataAndUpperCaseMethodsAreRefused() throws Exception {
        Path parts = Files.createDirectory(dir.resolve("mixed"));
        Npy.write(parts.resolve("a.npy"), Matrix.of(new double[][] {{0, 1}, {1, 2}, {10, 11}, {11, 12}}));
        Npy.write(parts.resolve("b.npy"), new int[] {0, 1, 0, 1});
        CliRunner folder = CliRunner.run("kmeans", "--x", parts.toString(), "--n-clusters", "2");
        assertEquals(ExitCode.BAD_INPUT, folder.status(), folder.err());
        assertTrue(folder.err().contains("b.npy") && folder.err().contains("1-D"), folder.err());
        CliRunner file = CliRunner.run("kmeans", "--x", parts.resolve("b.npy").toString(), "--n-clusters", "2");
        assertEquals(ExitCode.BAD_INPUT, file.status(), file.err());
        assertTrue(file.err().contains("reshape(-1, 1)"), file.err());
        CliRunner init = CliRunner.run("kmeans", "--x", parts.resolve("a.npy").toString(), "--n-clusters", "2",
                "--init", "K-MEANS++");
        assertEquals(ExitCode.USAGE, init.status(), init.err());
        assertTrue(init.err().contains("--init") && init.err().contains("k-means++"), init.err());
    }

    @Test
    void badDataIsABadInputError() throws Exception {
        CliRunner missing = CliRunner.run("kmeans", "--x", dir.resolve("none.npy").toString());
        assertEquals(ExitCode.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("none.npy"), missing.err());

        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, Matrix.of(new double[][] {{1, 2}, {Double.NaN, 3}, {4, 5}}));
        CliRunner r = CliRunner.run("kmeans", "--x", nan.toString(), "--n-clusters", "2");
        assertEquals(ExitCode.BAD_INPUT, r.status());
        assertTrue(r.err().contains("NaN"), r.err());

        Path small = dir.resolve("small.npy");
        Npy.write(small, Matrix.of(new double[][] {{1, 2}, {3, 4}}));
        Path labels = dir.resolve("labels.npy");
        CliRunner tooMany = CliRunner.run("kmeans", "--x", small.toString(), "--n-clusters", "3", "--labels-out",
                labels.toString());
        assertEquals(ExitCode.BAD_INPUT, tooMany.status());
        assertTrue(tooMany.err().contains("n_clusters") || tooMany.err().contains("n_samples"), tooMany.err());
        assertFalse(Files.exists(labels), "no half-written labels file");

        Path noColumns = dir.resolve("no-columns.npy");
        Npy.write(noColumns, Matrix.zeros(10, 0));
        CliRunner empty = CliRunner.run("kmeans", "--x", noColumns.toString(), "--n-clusters", "2");
        assertEquals(ExitCode.BAD_INPUT, empty.status(), empty.err());
        assertTrue(empty.err().contains("--x") && empty.err().contains("no-columns.npy"), empty.err());
    }

    @Test
    @org.junit.jupiter.api.Tag("spark")
    void onSparkTheCentresEqualTheLocalFit() throws Exception {
        CliRunner local = CliRunner.run("kmeans", "--blobs", "3", "--block-rows", "3000", "--n-clusters", "6",
                "--init-max-iter", "2", "--random-state", "1", "--backend", "scalar", "--json");
        assertEquals(ExitCode.OK, local.status(), local.err());
        CliRunner spark = CliRunner.run("kmeans", "--blobs", "3", "--block-rows", "3000", "--n-clusters", "6",
                "--init-max-iter", "2", "--random-state", "1", "--backend", "scalar", "--master", "local[2]", "--json");
        assertEquals(ExitCode.OK, spark.status(), spark.err());
        assertEquals(local.json().get("cluster_centers"), spark.json().get("cluster_centers"));
        assertEquals(local.json().get("inertia").asDouble(), spark.json().get("inertia").asDouble(), 0.0);
        assertEquals("local[2]", spark.json().get("master").asText());
    }

    @Test
    void sparkOptionsThatCannotWorkAreUsageErrors() {
        CliRunner labels = CliRunner.run("kmeans", "--blobs", "2", "--master", "local[1]", "--labels-out",
                dir.resolve("l.npy").toString());
        assertEquals(ExitCode.USAGE, labels.status());
        assertTrue(labels.err().contains("--labels-out") && labels.err().contains("--master"), labels.err());
        CliRunner secret = CliRunner.run("kmeans", "--blobs", "1", "--block-rows", "100", "--secret-file", "s");
        assertEquals(ExitCode.USAGE, secret.status());
        assertTrue(secret.err().contains("--secret-file"), secret.err());
    }
}
