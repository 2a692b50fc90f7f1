package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.data.Npy;

/**
 * Output files: checked before any work (a folder that exists, not an input, not another output),
 * written all or none, and a failed write reported with its option and file; inputs that would fail
 * every fit of a search reported once, against their file.
 */
class OutputFilesTest {
    @TempDir
    Path dir;
    Path x;
    Path y;
    byte[] xBytes;

    @BeforeEach
    void writeData() throws Exception {
        Dataset data = new MakeClassification().nSamples(120).nFeatures(4).randomState(1).generate();
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, data.x());
        Npy.write(y, data.y());
        xBytes = Files.readAllBytes(x);
    }

    private void assertRefused(CliRunner r, int status, String... parts) {
        assertEquals(status, r.status(), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "'" + p + "' in: " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void anOutputThatIsAnInputIsRefusedBeforeAnyWork() throws Exception {
        assertRefused(CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--save", x.toString()),
                ExitCode.USAGE, "'--save'", "same file as --x", "must not replace an input");
        assertRefused(CliRunner.run("kmeans", "--x", x.toString(), "--n-clusters", "2", "--labels-out",
                dir.resolve(".").resolve("X.npy").toString()), ExitCode.USAGE, "'--labels-out'", "same file as --x");
        assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=1", "--journal", y.toString()), ExitCode.USAGE, "'--journal'", "same file as --y");
        assertArrayEquals(xBytes, Files.readAllBytes(x), "the input is untouched");
    }

    @Test
    void twoOutputsOnOneFileOrInAMissingFolderAreRefused() {
        Path a = dir.resolve("a.npy");
        assertRefused(CliRunner.run("datasets", "make-classification", "--n-samples", "50", "--out-x", a.toString(),
                "--out-y", a.toString()), ExitCode.USAGE, "'--out-y'", "same file as --out-x", "written twice");
        assertRefused(CliRunner.run("datasets", "make-blobs", "--n-samples", "50", "--out-x", a.toString(),
                "--out-y", dir.resolve("b.npy").toString(), "--out-centers", dir.resolve("no/c.npy").toString()),
                ExitCode.USAGE, "'--out-centers'", "does not exist");
        assertRefused(CliRunner.run("datasets", "make-classification", "--n-samples", "50", "--out-x", dir.toString(),
                "--out-y", dir.resolve("b.npy").toString()), ExitCode.USAGE, "'--out-x'", "is a folder");
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(dir.resolve("b.npy")));
    }

    @Test
    void writeAllLeavesEveryTargetAsItWasWhenOneWriteFails() throws Exception {
        Path first = dir.resolve("first.npy");
        Path second = dir.resolve("second.npy");
        Files.writeString(first, "old first");
        Map<String, Map.Entry<Path, OutputFiles.Writer>> writes = new LinkedHashMap<>();
        writes.put("--out-x", Map.entry(first, p -> Files.writeString(p, "new first")));
        writes.put("--out-y", Map.entry(second, p -> {
            throw new NoSuchFileException(p.toString());
        }));
        IOException e = assertThrows(OutputFiles.OutputFileException.class, () -> OutputFiles.writeAll(writes));
        assertTrue(e.getMessage().startsWith("cannot write --out-y " + second + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".part"), "no temporary name in: " + e.getMessage());
        assertEquals("old first", Files.readString(first));
        assertFalse(Files.exists(second));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".")).count(), "no temporary files");
        }
        writes.put("--out-y", Map.entry(second, p -> Files.writeString(p, "new second")));
        OutputFiles.writeAll(writes);
        assertEquals("new first", Files.readString(first));
        assertEquals("new second", Files.readString(second));
    }

    @Test
    void aSearchRefusesBadGridValuesAndBadDataBeforeFitting() throws Exception {
        assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=1,-1", "--cv", "3"), ExitCode.USAGE, "'--grid'", "C=-1");
        assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "kernel=rbf,foo", "--cv", "3"), ExitCode.USAGE, "'--grid'", "foo");
        Path one = dir.resolve("one.npy");
        Npy.write(one, new int[120]);
        assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", one.toString(), "--estimator", "svc",
                "--grid", "C=1", "--cv", "3"), ExitCode.BAD_INPUT, "--y " + one, "one class");
        double[] values = Npy.readMatrix(x).data().clone();
        values[7] = Double.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, org.paraml.linalg.Matrix.wrap(values, 120, 4));
        assertRefused(CliRunner.run("search", "--x", nan.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=1", "--cv", "3"), ExitCode.BAD_INPUT, "--x " + nan, "NaN");
    }

    @Test
    void optionsThatWouldFailEveryFitAreRefusedAtOnce() throws Exception {
        assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=1", "--scoring", "neg_log_loss"), ExitCode.USAGE, "'--scoring'", "probability=true");
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            int closedPort = s.getLocalPort(); // nothing listens there once the socket is closed below
            s.close();
            assertRefused(CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                    "--grid", "C=1", "--master", "spark://127.0.0.1:" + closedPort), ExitCode.USAGE, "'--master'",
                    "cannot reach spark://127.0.0.1:" + closedPort); // Spark's own failure: exit 1, a minute later
        }
        assertRefused(CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--class-weight", "0=1,0=2"),
                ExitCode.USAGE, "'--class-weight'", "class 0 twice");
    }

    @Test
    void initialCentresOfTheWrongShapeAreBlamedOnInit() throws Exception {
        assertRefused(CliRunner.run("kmeans", "--x", x.toString(), "--n-clusters", "3", "--init", x.toString()),
                ExitCode.BAD_INPUT, "--init " + x, "120 initial centre(s)", "--n-clusters is 3");
        Path c = dir.resolve("c.npy");
        Npy.write(c, org.paraml.linalg.Matrix.zeros(3, 2));
        assertRefused(CliRunner.run("kmeans", "--x", x.toString(), "--n-clusters", "3", "--init", c.toString()),
                ExitCode.BAD_INPUT, "--init " + c, "2 feature(s) per centre", "has 4");
    }
}
