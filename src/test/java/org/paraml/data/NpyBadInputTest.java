package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.paraml.data.NpyTestFiles.fixture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.linalg.Matrix;

/** Every refusal names the file, says what is wrong and what is allowed. */
class NpyBadInputTest {
    @TempDir
    Path dir;

    /** Asserts {@code call} throws NpyFormatException naming {@code file} and containing every {@code part}. */
    static NpyFormatException refuses(Path file, Executable call, String... parts) {
        NpyFormatException e = assertThrows(NpyFormatException.class, call);
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void badMagic() throws IOException {
        Path f = NpyTestFiles.write(dir.resolve("a.npy"), "hello world, not numpy".getBytes(StandardCharsets.US_ASCII));
        refuses(f, () -> Npy.readMatrix(f), "magic string", "\\x93NUMPY", "'hello '");
        refuses(f, () -> Npy.header(f), "magic");
        Path zip = NpyTestFiles.write(dir.resolve("z.npy"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
        refuses(zip, () -> Npy.readMatrix(zip), ".npz");
        Path empty = NpyTestFiles.write(dir.resolve("e.npy"));
        refuses(empty, () -> Npy.readMatrix(empty), "an empty file");
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f8_2d.npy"));
        b[6] = 4;
        Path f = NpyTestFiles.write(dir.resolve("v.npy"), b);
        refuses(f, () -> Npy.readMatrix(f), "version 4.0", "1.0, 2.0 and 3.0");
        b[6] = 1;
        b[7] = 1;
        Files.write(f, b);
        refuses(f, () -> Npy.header(f), "version 1.1");
    }

    @Test
    void truncatedHeaderAtEveryLength() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f8_2d.npy"));
        Path f = dir.resolve("t.npy");
        for (int n = 6; n < 128; n++) {
            Files.write(f, Arrays.copyOf(b, n));
            int len = n;
            NpyFormatException e = refuses(f, () -> Npy.readMatrix(f));
            assertTrue(e.getMessage().contains("truncated header"), len + ": " + e.getMessage());
        }
    }

    @Test
    void truncatedData() throws IOException {
        byte[] b = Files.readAllBytes(fixture("f8_2d.npy"));
        Path f = NpyTestFiles.write(dir.resolve("t.npy"), Arrays.copyOf(b, b.length - 5));
        refuses(f, () -> Npy.readMatrix(f), "truncated data", "needs 48 bytes", "found 43");
        refuses(f, () -> Npy.openRows(f), "truncated data");
        Path g = NpyTestFiles.write(dir.resolve("u.npy"), Arrays.copyOf(Files.readAllBytes(fixture("i8_1d.npy")), 128));
        refuses(g, () -> Npy.readInts(g), "needs 40 bytes", "found 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c16_1d.npy", "U3_1d.npy"})
    void unsupportedDtypeListsTheSupportedOnes(String name) {
        Path f = fixture(name);
        String descr = name.startsWith("c16") ? "'<c16'" : "'<U3'";
        refuses(f, () -> Npy.readMatrix(f), "unsupported dtype " + descr, "<f8, <f4, <i8, <i4, |b1");
        refuses(f, () -> Npy.header(f), "unsupported dtype");
    }

    @Test
    void otherUnsupportedDescrs() throws IOException {
        for (String descr : new String[] {"<f2", "|u1", "<u8", "|f8", "=f8", "f8", ""}) {
            Path f = NpyTestFiles.withHeader(dir.resolve("d.npy"),
                    "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
            refuses(f, () -> Npy.readDoubles(f), "unsupported dtype");
        }
        Path structured = NpyTestFiles.withHeader(dir.resolve("s.npy"),
                "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        refuses(structured, () -> Npy.readDoubles(structured), "structured");
    }

    @Test
    void fortranOrder() {
        Path f = fixture("fortran_f8_2d.npy");
        refuses(f, () -> Npy.readMatrix(f), "Fortran", "C (row-major)", "np.ascontiguousarray");
        refuses(f, () -> Npy.openRows(f), "Fortran");
    }

    @Test
    void wrongNumberOfDimensions() {
        Path three = fixture("i8_3d.npy");
        refuses(three, () -> Npy.readMatrix(three), "3-D", "(2, 2, 2)", "only 1-D and 2-D");
        refuses(three, () -> Npy.openRows(three), "3-D");
        Path zero = fixture("f8_0d.npy");
        refuses(zero, () -> Npy.readMatrix(zero), "0-D", "()");
        refuses(zero, () -> Npy.readDoubles(zero), "0-D");
        Path two = fixture("f8_2d.npy");
        refuses(two, () -> Npy.readInts(two), "expected a 1-D array", "(2, 3)");
        refuses(two, () -> Npy.readDoubles(two), "expected a 1-D array");
    }

    @Test
    void unparsableHeaders() throws IOException {
        String[] bad = {
            "not a dict",
            "{'descr': '<f8', 'fortran_order': False}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': 3}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 'a')}",
            "{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} trailing",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,",
            "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296)}",
        };
        for (String dict : bad) {
            Path f = NpyTestFiles.withHeader(dir.resolve("h.npy"), dict, new byte[8]);
            NpyFormatException e = refuses(f, () -> Npy.header(f), "unparsable header");
            assertTrue(e.getMessage().contains("'descr'") || e.getMessage().contains("shape")
                    || e.getMessage().contains("fortran_order"), e.getMessage());
        }
    }

    @Test
    void headerVariantsNumpyCouldWrite() throws IOException {
        // Python 2's long suffix, double quotes, no trailing comma, other key order, no spaces.
        String[] ok = {
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }",
            "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1, 2)}",
            "{'shape':(1,2),'fortran_order':False,'descr':'<f8'}",
        };
        for (String dict : ok) {
            Path f = NpyTestFiles.withHeader(dir.resolve("h.npy"), dict, new byte[16]);
            assertEquals(2, Npy.readMatrix(f).cols(), dict);
        }
    }

    @Test
    void corruptHeaderLength() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE);
        Path f = NpyTestFiles.write(dir.resolve("l.npy"), b.array());
        refuses(f, () -> Npy.header(f), "header-length field is corrupt");
    }

    @Test
    void labelsThatAreNotInts() {
        Path frac = fixture("f8_fraction_1d.npy");
        refuses(frac, () -> Npy.readInts(frac), "value 1.5 at index 1", "not an integer");
        Path big = fixture("i8_big_1d.npy");
        refuses(big, () -> Npy.readInts(big), "value 1099511627776 at index 1", "does not fit in a Java int");
        Path nan = fixture("f8_special_1d.npy");
        refuses(nan, () -> Npy.readInts(nan), "value NaN at index 0");
    }

    @Test
    void rowRangeOutsideTheFile() throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, Matrix.zeros(4, 2));
        try (NpyRowReader r = Npy.openRows(f)) {
            for (int[] range : new int[][] {{-1, 2}, {0, 5}, {3, 2}, {5, 5}}) {
                IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                        () -> r.readRows(range[0], range[1]));
                assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
                assertTrue(e.getMessage().contains("[" + range[0] + ", " + range[1] + ")"), e.getMessage());
                assertTrue(e.getMessage().contains("0 <= from <= to <= 4"), e.getMessage());
            }
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> r.readRows(0, 3, new double[5]));
            assertTrue(small.getMessage().contains("room for 5"), small.getMessage());
        }
    }

    @Test
    void missingFileIsThePlainJdkError() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Npy.readMatrix(dir.resolve("missing.npy")));
    }
}
