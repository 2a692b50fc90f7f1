package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.FileFormatException;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;

/** {@link SVCModel#save(Path)} / {@link SVCModel#load(Path)}: exact round trips and clear errors for damaged or foreign files. */
class ModelIoTest {
    @TempDir
    Path dir;

    static SVCModel binaryProba() {
        TestData.Points p = TestData.blobs(80, 3, 2, 1.0, 21);
        return new SVC().probability(true).randomState(3L).C(2.0).fit(p.x(), p.y());
    }

    static void assertSameModel(SVCModel a, SVCModel b, Matrix probe) {
        assertEquals(a.params(), b.params());
        assertEquals(a.params().getParams(), b.params().getParams());
        assertEquals(a.gamma(), b.gamma());
        assertArrayEquals(a.classes(), b.classes());
        assertArrayEquals(a.support(), b.support());
        assertTrue(a.supportVectors().contentEquals(b.supportVectors()));
        assertArrayEquals(a.nSupport(), b.nSupport());
        assertTrue(a.dualCoef().contentEquals(b.dualCoef()));
        assertArrayEquals(a.intercept(), b.intercept());
        assertArrayEquals(a.probA(), b.probA());
        assertArrayEquals(a.probB(), b.probB());
        assertArrayEquals(a.nIter(), b.nIter());
        assertArrayEquals(a.objective(), b.objective());
        assertEquals(a.fitStatus(), b.fitStatus());
        assertArrayEquals(a.shapeFit(), b.shapeFit());
        assertArrayEquals(a.rho(), b.rho());
        assertArrayEquals(a.decisionFunction(probe).data(), b.decisionFunction(probe).data());
        assertArrayEquals(a.predict(probe), b.predict(probe));
        if (a.probA().length > 0) {
            assertArrayEquals(a.predictProba(probe).data(), b.predictProba(probe).data());
        }
    }

    @Test
    void roundTripBinaryWithProbabilities() throws IOException {
        SVCModel m = binaryProba();
        Path f = dir.resolve("binary.svc");
        m.save(f);
        assertSameModel(m, SVCModel.load(f), TestData.blobs(30, 3, 2, 1.0, 99).x());
    }

    @Test
    void roundTripMulticlassWithClassWeightsAndOptions() throws IOException {
        TestData.Points p = TestData.blobs(90, 2, 3, 2.0, 5);
        SVCModel m = new SVC().kernel("linear").classWeight(Map.of(0, 2.0, 2, 0.5)).decisionFunctionShape("ovo")
                .breakTies(false).randomState(4294967295L).tol(1e-4).cacheSize(10).fit(p.x(), p.y());
        Path f = dir.resolve("three.svc");
        m.save(f);
        SVCModel back = SVCModel.load(f);
        assertSameModel(m, back, TestData.blobs(20, 2, 3, 2.0, 6).x());
        assertTrue(m.coef().contentEquals(back.coef()));
    }

    @Test
    void roundTripPrecomputedKernel() throws IOException {
        TestData.Points p = TestData.blobs(40, 2, 2, 1.5, 8);
        Matrix g = SklearnFixturesTest.gram(p.x(), p.x());
        SVCModel m = new SVC().kernel("precomputed").fit(g, p.y());
        Path f = dir.resolve("pre.svc");
        m.save(f);
        assertSameModel(m, SVCModel.load(f), SklearnFixturesTest.gram(TestData.blobs(10, 2, 2, 1.5, 9).x(), p.x()));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("m.svc");
        Files.writeString(f, "old content");
        SVCModel m = binaryProba();
        m.save(f);
        m.save(f);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
        try (ZipFile z = new ZipFile(f.toFile())) {
            assertEquals(List.of("model.json", "support_vectors.npy", "dual_coef.npy", "support.npy", "prob_a.npy",
                    "prob_b.npy"), z.stream().map(ZipEntry::getName).toList());
        }
        // the arrays are plain .npy files numpy can read: check one through ParaML's reader
        Path sv = dir.resolve("sv.npy");
        try (ZipFile z = new ZipFile(f.toFile())) {
            Files.copy(z.getInputStream(z.getEntry("support_vectors.npy")), sv);
        }
        assertTrue(Npy.readMatrix(sv).contentEquals(m.supportVectors()));
    }

    private FileFormatException loadFails(Path f) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SVCModel.load(f));
        assertEquals(f, e.file());
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        return e;
    }

    @Test
    void foreignFileIsNotAZip() throws IOException {
        Path f = dir.resolve("foreign.svc");
        Files.writeString(f, "x,y\n1,2\n");
        assertTrue(loadFails(f).getMessage().contains("not a zip archive"));
    }

    @Test
    void truncatedArchive() throws IOException {
        Path f = dir.resolve("t.svc");
        binaryProba().save(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        String msg = loadFails(f).getMessage();
        assertTrue(msg.contains("zip") || msg.contains("entry"), msg);
    }

    /** Copies the archive of a good model, letting {@code edit} replace entries (null content drops one). */
    private Path rewrite(String name, Map<String, byte[]> edits) throws IOException {
        Path good = dir.resolve("good-" + name);
        binaryProba().save(good);
        Path f = dir.resolve(name);
        try (ZipFile z = new ZipFile(good.toFile()); OutputStream o = Files.newOutputStream(f);
             ZipOutputStream out = new ZipOutputStream(o)) {
            for (ZipEntry e : z.stream().toList()) {
                byte[] content = edits.containsKey(e.getName()) ? edits.get(e.getName())
                        : z.getInputStream(e).readAllBytes();
                if (content != null) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
        }
        return f;
    }

    private static Map<String, byte[]> edit(String entry, byte[] content) {
        java.util.HashMap<String, byte[]> m = new java.util.HashMap<>();
        m.put(entry, content);
        return m;
    }

    @Test
    void missingModelJson() throws IOException {
        Path f = rewrite("nojson.svc", edit("model.json", null));
        assertTrue(loadFails(f).getMessage().contains("no model.json entry"));
    }

    @Test
    void foreignJson() throws IOException {
        Path f = rewrite("foreignjson.svc", edit("model.json", "{\"format\": \"something.else\"}".getBytes(
                StandardCharsets.UTF_8)));
        String msg = loadFails(f).getMessage();
        assertTrue(msg.contains("does not describe a ParaML SVC model") && msg.contains("something.else"), msg);
    }

    @Test
    void futureVersion() throws IOException {
        Path f = rewrite("future.svc", edit("model.json", ("{\"format\": \"" + ModelIo.FORMAT
                + "\", \"format_version\": 99}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(loadFails(f).getMessage().contains("unsupported format_version 99"));
    }

    @Test
    void invalidJson() throws IOException {
        Path f = rewrite("badjson.svc", edit("model.json", "{\"format\": ".getBytes(StandardCharsets.UTF_8)));
        assertTrue(loadFails(f).getMessage().contains("model.json is not valid JSON"));
    }

    @Test
    void missingArray() throws IOException {
        Path f = rewrite("noarray.svc", edit("dual_coef.npy", null));
        assertTrue(loadFails(f).getMessage().contains("entry dual_coef.npy is missing"));
    }

    @Test
    void damagedArray() throws IOException {
        Path f = rewrite("badnpy.svc", edit("support.npy", "not an npy file".getBytes(StandardCharsets.UTF_8)));
        String msg = loadFails(f).getMessage();
        assertTrue(msg.contains("entry support.npy: "), msg);
    }

    @Test
    void arrayOfTheWrongShape() throws IOException {
        Path bad = dir.resolve("bad.npy");
        Npy.write(bad, Matrix.zeros(1, 3));
        Path f = rewrite("shape.svc", edit("dual_coef.npy", Files.readAllBytes(bad)));
        String msg = loadFails(f).getMessage();
        assertTrue(msg.contains("dual_coef.npy has shape (1, 3)"), msg);
    }
}
