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
import org.paraml.data.Blobs;
import org.paraml.data.Dataset;
import org.paraml.data.Blobs;
import org.paraml.data.MakeBlobs;
import org.paraml.data.MakeClassification;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;

class DatasetsCommandTest {
    @TempDir
    Path dir;

    @Test
    void makeClassificationWritesTheGeneratorsArrays() throws Exception {
        Path x = dir.resolve("X.npy");
        Path y = dir.resolve("y.npy");
        CliRunner r = CliRunner.run("datasets", "make-classification", "--n-samples", "500", "--n-features", "4",
                "--random-state", "0", "--out-x", x.toString(), "--out-y", y.toString(), "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        Dataset expected = new MakeClassification().nSamples(500).nFeatures(4).randomState(0).generate();
        assertTrue(expected.x().contentEquals(Npy.readMatrix(x)));
        assertArrayEquals(expected.y(), Npy.readInts(y));
        JsonNode json = r.json();
        assertEquals(500, json.get("n_samples").asInt());
        assertEquals(4, json.get("n_features").asInt());
        assertEquals(2, json.get("classes").size());
    }

    @Test
    void makeClassificationPassesEveryParameter() throws Exception {
        Path x = dir.resolve("X.npy");
        Path y = dir.resolve("y.npy");
        CliRunner r = CliRunner.run("datasets", "make-classification", "--n-samples", "300", "--n-features", "8",
                "--n-informative", "3", "--n-redundant", "1", "--n-repeated", "1", "--n-classes", "3",
                "--n-clusters-per-class", "1", "--weights", "0.5,0.3", "--flip-y", "0", "--class-sep", "2",
                "--no-hypercube", "--shift", "none", "--scale", "none", "--no-shuffle", "--random-state", "7",
                "--out-x", x.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.OK, r.status(), r.err());
        Dataset expected = new MakeClassification().nSamples(300).nFeatures(8).nInformative(3).nRedundant(1)
                .nRepeated(1).nClasses(3).nClustersPerClass(1).weights(0.5, 0.3).flipY(0).classSep(2)
                .hypercube(false).shiftRandom().scaleRandom().shuffle(false).randomState(7).generate();
        assertTrue(expected.x().contentEquals(Npy.readMatrix(x)));
        assertArrayEquals(expected.y(), Npy.readInts(y));
        assertTrue(r.out().contains("class counts:"), r.out());
    }

    @Test
    void makeBlobsWithPerCentreCountsAndCentresFile() throws Exception {
        Path x = dir.resolve("X.npy");
        Path y = dir.resolve("y.npy");
        Path c = dir.resolve("C.npy");
        CliRunner r = CliRunner.run("datasets", "make-blobs", "--n-samples", "10,20,30", "--cluster-std", "0.5,1,2",
                "--center-box=-5,5", "--random-state", "1", "--out-x", x.toString(), "--out-y", y.toString(),
                "--out-centers", c.toString(), "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        Blobs expected = new MakeBlobs().nSamples(new int[] {10, 20, 30}).clusterStd(new double[] {0.5, 1, 2})
                .centerBox(-5, 5).randomState(1).generateWithCenters();
        assertTrue(expected.x().contentEquals(Npy.readMatrix(x)));
        assertArrayEquals(expected.y(), Npy.readInts(y));
        assertTrue(expected.centers().contentEquals(Npy.readMatrix(c)));
        assertEquals(3, r.json().get("centers").size());

        // fixed centres from the file just written
        Path x2 = dir.resolve("X2.npy");
        CliRunner r2 = CliRunner.run("datasets", "make-blobs", "--n-samples", "40", "--centers", c.toString(),
                "--n-features", "2", "--random-state", "3", "--out-x", x2.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.OK, r2.status(), r2.err());
        Matrix centres = Npy.readMatrix(c);
        Dataset expected2 = new MakeBlobs().nSamples(40).centers(centres).nFeatures(2).randomState(3).generate();
        assertTrue(expected2.x().contentEquals(Npy.readMatrix(x2)));
    }

    @Test
    void badOptionValuesNameTheOptionAndExitWithUsage() {
        Path x = dir.resolve("X.npy");
        Path y = dir.resolve("y.npy");
        CliRunner notANumber = CliRunner.run("datasets", "make-classification", "--n-samples", "many",
                "--out-x", x.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.USAGE, notANumber.status());
        assertTrue(notANumber.err().contains("--n-samples"), notANumber.err());

        CliRunner tooManyInformative = CliRunner.run("datasets", "make-classification", "--n-features", "4",
                "--n-informative", "5", "--out-x", x.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.USAGE, tooManyInformative.status());
        assertTrue(tooManyInformative.err().contains("n_informative") || tooManyInformative.err().contains("n_features"),
                tooManyInformative.err());

        CliRunner badSeed = CliRunner.run("datasets", "make-blobs", "--random-state", "-1",
                "--out-x", x.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.USAGE, badSeed.status());
        assertTrue(badSeed.err().contains("--random-state"), badSeed.err());

        CliRunner badShift = CliRunner.run("datasets", "make-classification", "--shift", "left",
                "--out-x", x.toString(), "--out-y", y.toString());
        assertEquals(ExitCode.USAGE, badShift.status());
        assertTrue(badShift.err().contains("--shift") && badShift.err().contains("none"), badShift.err());

        CliRunner missingOut = CliRunner.run("datasets", "make-blobs");
        assertEquals(ExitCode.USAGE, missingOut.status());
        assertTrue(missingOut.err().contains("--out-x"), missingOut.err());
        assertFalse(Files.exists(x), "nothing is written when the command line is wrong");
    }

    @Test
    void corruptCentresFileIsABadInputError() throws Exception {
        Path bad = dir.resolve("centres.npy");
        Files.writeString(bad, "this is not a numpy file");
        CliRunner r = CliRunner.run("datasets", "make-blobs", "--centers", bad.toString(),
                "--out-x", dir.resolve("X.npy").toString(), "--out-y", dir.resolve("y.npy").toString());
        assertEquals(ExitCode.BAD_INPUT, r.status());
        assertTrue(r.err().contains("--centers") && r.err().contains(bad.toString()), r.err());

        CliRunner missing = CliRunner.run("datasets", "make-blobs", "--centers", dir.resolve("nope.npy").toString(),
                "--out-x", dir.resolve("X.npy").toString(), "--out-y", dir.resolve("y.npy").toString());
        assertEquals(ExitCode.USAGE, missing.status(), missing.err());
        assertTrue(missing.err().contains("--centers"), missing.err());
    }
}
