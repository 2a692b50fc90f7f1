package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.data.Npy;
import org.paraml.svm.SVC;
import org.paraml.svm.SVCModel;

class SvcCommandTest {
    @TempDir
    Path dir;
    Path x;
    Path y;
    Dataset data;

    @BeforeEach
    void writeData() throws Exception {
        data = new MakeClassification().nSamples(300).nFeatures(5).nClasses(3).nInformative(3).randomState(4).generate();
        x = dir.resolve("X.npy");
        y = dir.resolve("y.npy");
        Npy.write(x, data.x());
        Npy.write(y, data.y());
    }

    @Test
    void fitsAndReportsScikitLearnsAttributesAsJson() throws Exception {
        CliRunner r = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--C", "10", "--kernel", "poly",
                "--gamma", "auto", "--backend", "scalar", "--json");
        assertEquals(ExitCode.OK, r.status(), r.err());
        SVCModel expected = new SVC().C(10).kernel("poly").gamma("auto").fit(data.x(), data.y());
        JsonNode json = r.json();
        for (int k = 0; k < 3; k++) {
            assertEquals(expected.nSupport()[k], json.get("n_support").get(k).asInt());
            assertEquals(expected.intercept()[k], json.get("intercept").get(k).asDouble(), 1e-9);
        }
        assertEquals(expected.score(data.x(), data.y()), json.get("train_score").asDouble(), 1e-12);
        assertEquals("scalar", json.get("backend").asText());
        assertTrue(json.get("fit_seconds").asDouble() > 0);
        assertEquals(3, json.get("classes").size());
    }

    @Test
    void savesAModelThatLoadsAndPredictsTheSame() throws Exception {
        Path model = dir.resolve("m.zip");
        CliRunner r = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--probability",
                "--random-state", "0", "--class-weight", "balanced", "--save", model.toString());
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(r.out().contains("n_support"), r.out());
        SVCModel loaded = SVCModel.load(model);
        SVCModel expected = new SVC().probability(true).randomState(0L).classWeightBalanced().fit(data.x(), data.y());
        assertArrayEquals(expected.predict(data.x()), loaded.predict(data.x()));
        assertArrayEquals(expected.nSupport(), loaded.nSupport());
    }

    /** The text output's numbers are written the same way whatever the JVM's default locale. */
    @Test
    void textIsTheSameInEveryLocale() {
        CliRunner r = CliRunner.runInLocale(java.util.Locale.GERMANY, "svc", "--x", x.toString(), "--y", y.toString());
        assertEquals(ExitCode.OK, r.status(), r.err());
        assertTrue(java.util.regex.Pattern.compile("SVC fitted in \\d+\\.\\d{3} s").matcher(r.out()).find(), r.out());
        assertTrue(java.util.regex.Pattern.compile("accuracy on the training data: [01]\\.\\d{4}").matcher(r.out()).find(),
                r.out());
    }

    @Test
    void badParametersAreUsageErrorsNamingTheParameter() {
        CliRunner c = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--C", "0");
        assertEquals(ExitCode.USAGE, c.status());
        assertTrue(c.err().contains("C"), c.err());
        CliRunner k = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--kernel", "cubic");
        assertEquals(ExitCode.USAGE, k.status());
        assertTrue(k.err().contains("cubic") && k.err().contains("rbf"), k.err());
        CliRunner g = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--gamma", "wide");
        assertEquals(ExitCode.USAGE, g.status());
        assertTrue(g.err().contains("--gamma"), g.err());
        CliRunner w = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--class-weight", "0:1");
        assertEquals(ExitCode.USAGE, w.status());
        assertTrue(w.err().contains("--class-weight"), w.err());
        CliRunner b = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--backend", "tpu");
        assertEquals(ExitCode.USAGE, b.status());
        assertTrue(b.err().contains("--backend") && b.err().contains("scalar"), b.err());
        org.paraml.backend.BackendInfo gpu = org.paraml.backend.Backends.describeAll().get(0);
        if (!gpu.available()) {
            CliRunner cuda = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), "--backend", "cuda");
            assertEquals(ExitCode.USAGE, cuda.status());
            assertTrue(cuda.err().contains("backend 'cuda' was requested by --backend but is not available: "
                    + gpu.reason()), cuda.err());
        }
    }

    @Test
    void wordsAreCaseSensitiveAsInScikitLearn() {
        String[][] cases = {{"--kernel", "RBF", "kernel"}, {"--gamma", "Scale", "--gamma"},
            {"--class-weight", "Balanced", "--class-weight"}, {"--decision-function-shape", "OVR", "decision_function_shape"}};
        for (String[] c : cases) {
            CliRunner r = CliRunner.run("svc", "--x", x.toString(), "--y", y.toString(), c[0], c[1]);
            assertEquals(ExitCode.USAGE, r.status(), c[0] + " " + c[1] + ": " + r.err());
            assertTrue(r.err().contains(c[1]) && r.err().contains(c[2]), r.err());
        }
    }

    @Test
    void oneDimensionalDataIsRefusedAsScikitLearnRefusesIt() {
        CliRunner r = CliRunner.run("svc", "--x", y.toString(), "--y", y.toString());
        assertEquals(ExitCode.BAD_INPUT, r.status(), r.err());
        assertTrue(r.err().contains("--x") && r.err().contains("1-D") && r.err().contains("reshape(-1, 1)"), r.err());
        CliRunner s = CliRunner.run("search", "--estimator", "svc", "--x", y.toString(), "--y", y.toString(),
                "--grid", "C=1,10");
        assertEquals(ExitCode.BAD_INPUT, s.status(), s.err());
        assertTrue(s.err().contains("--x") && s.err().contains("1-D"), s.err());
    }

    @Test
    void badDataIsABadInputError() throws Exception {
        Path shortY = dir.resolve("short.npy");
        Npy.write(shortY, new int[] {0, 1, 0});
        CliRunner lengths = CliRunner.run("svc", "--x", x.toString(), "--y", shortY.toString());
        assertEquals(ExitCode.BAD_INPUT, lengths.status());
        assertTrue(lengths.err().contains("inconsistent numbers of samples"), lengths.err());

        Path oneClass = dir.resolve("one.npy");
        Npy.write(oneClass, new int[300]);
        CliRunner one = CliRunner.run("svc", "--x", x.toString(), "--y", oneClass.toString());
        assertEquals(ExitCode.BAD_INPUT, one.status());
        assertTrue(one.err().toLowerCase().contains("class"), one.err());

        Path truncated = dir.resolve("trunc.npy");
        byte[] bytes = Files.readAllBytes(x);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRunner t = CliRunner.run("svc", "--x", truncated.toString(), "--y", y.toString());
        assertEquals(ExitCode.BAD_INPUT, t.status());
        assertTrue(t.err().contains("--x") && t.err().contains("trunc.npy"), t.err());
    }
}
