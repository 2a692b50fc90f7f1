package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.paraml.data.NpyTestFiles.M;
import static org.paraml.data.NpyTestFiles.V;
import static org.paraml.data.NpyTestFiles.fixture;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.linalg.Matrix;

/** Reads files written by real numpy (src/test/resources/fixtures/make_npy_fixtures.py). */
class NpyNumpyFixturesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"f8_2d.npy, 1", "f4_2d.npy, 1", "i8_2d.npy, 4", "i4_2d.npy, 4", "be_f8_2d.npy, 1", "be_f4_2d.npy, 1",
            "v2_f8_2d.npy, 1", "v3_f8_2d.npy, 1"})
    void readsEvery2dDtype(String name, double scale) throws IOException {
        Matrix x = Npy.readMatrix(fixture(name));
        assertEquals(2, x.rows());
        assertEquals(3, x.cols());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(scaled(M[i], scale), x.row(i), 0, name + " row " + i);
        }
    }

    @Test
    void readsBool2dAsZeroOne() throws IOException {
        Matrix x = Npy.readMatrix(fixture("b1_2d.npy"));
        assertArrayEquals(new double[][] {{0, 1, 0}, {1, 0, 1}}, x.toArray());
        assertEquals(NpyDtype.BOOL, Npy.header(fixture("b1_2d.npy")).dtype());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_1d.npy", "f4_1d.npy", "i8_1d.npy", "i4_1d.npy", "be_i8_1d.npy", "be_i4_1d.npy"})
    void readsEvery1dDtype(String name) throws IOException {
        assertArrayEquals(V, Npy.readDoubles(fixture(name)), 0, name);
        assertArrayEquals(new int[] {-2, -1, 0, 1, 2}, Npy.readInts(fixture(name)), name);
        Matrix column = Npy.readMatrix(fixture(name));
        assertEquals(5, column.rows());
        assertEquals(1, column.cols());
        assertArrayEquals(V, column.column(0), 0);
    }

    @Test
    void readsBool1d() throws IOException {
        assertArrayEquals(new int[] {0, 1, 0, 1, 0}, Npy.readInts(fixture("b1_1d.npy")));
        assertArrayEquals(new double[] {0, 1, 0, 1, 0}, Npy.readDoubles(fixture("b1_1d.npy")), 0);
    }

    @Test
    void headersDescribeWhatNumpyWrote() throws IOException {
        NpyHeader h = Npy.header(fixture("f8_2d.npy"));
        assertEquals(NpyDtype.FLOAT64, h.dtype());
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
        assertArrayEquals(new long[] {2, 3}, h.shape());
        assertFalse(h.fortranOrder());
        assertEquals(128, h.dataOffset());
        assertEquals(1, h.formatVersion());
        assertEquals("<f8", h.descr());

        NpyHeader be = Npy.header(fixture("be_i4_1d.npy"));
        assertEquals(NpyDtype.INT32, be.dtype());
        assertEquals(ByteOrder.BIG_ENDIAN, be.byteOrder());
        assertEquals(">i4", be.descr());
        assertEquals("(5,)", be.shapeString());

        assertEquals(2, Npy.header(fixture("v2_f8_2d.npy")).formatVersion());
        assertEquals(3, Npy.header(fixture("v3_f8_2d.npy")).formatVersion());
        assertEquals(0, Npy.header(fixture("v2_f8_2d.npy")).dataOffset() % 64);
        // header() describes files the readers refuse.
        assertTrue(Npy.header(fixture("fortran_f8_2d.npy")).fortranOrder());
        assertEquals(3, Npy.header(fixture("i8_3d.npy")).ndim());
        assertEquals(0, Npy.header(fixture("f8_0d.npy")).ndim());
        assertEquals(1, Npy.header(fixture("f8_0d.npy")).elementCount());
    }

    @Test
    void numpyDefaultIntIsInt64() throws IOException {
        assertEquals(NpyDtype.INT64, Npy.header(fixture("default_int_1d.npy")).dtype());
        assertArrayEquals(new int[] {0, 1, 1, 0, 2}, Npy.readInts(fixture("default_int_1d.npy")));
    }

    @Test
    void edgeShapes() throws IOException {
        Matrix empty = Npy.readMatrix(fixture("f8_0x3.npy"));
        assertEquals(0, empty.rows());
        assertEquals(3, empty.cols());
        assertArrayEquals(new double[][] {M[0]}, Npy.readMatrix(fixture("f8_1x3.npy")).toArray());
        Matrix col = Npy.readMatrix(fixture("f8_3x1.npy"));
        assertEquals(3, col.rows());
        assertEquals(1, col.cols());
        assertArrayEquals(new double[] {-1.5, -0.75, 0}, col.column(0), 0);
    }

    @Test
    void specialFloatValuesSurvive() throws IOException {
        double[] v = Npy.readDoubles(fixture("f8_special_1d.npy"));
        assertTrue(Double.isNaN(v[0]));
        assertEquals(Double.POSITIVE_INFINITY, v[1]);
        assertEquals(Double.NEGATIVE_INFINITY, v[2]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[3]));
        assertEquals(1e-310, v[4]); // subnormal
    }

    @Test
    void integralFloatLabelsReadAsInts() throws IOException {
        assertArrayEquals(new int[] {0, 1, 2, 1}, Npy.readInts(fixture("f8_labels_1d.npy")));
    }

    /** Npy.write produces exactly the bytes np.save wrote for the same arrays. */
    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        Npy.write(dir.resolve("m.npy"), Matrix.of(M));
        assertArrayEquals(Files.readAllBytes(fixture("f8_2d.npy")), Files.readAllBytes(dir.resolve("m.npy")));
        Npy.write(dir.resolve("v.npy"), V);
        assertArrayEquals(Files.readAllBytes(fixture("f8_1d.npy")), Files.readAllBytes(dir.resolve("v.npy")));
        Npy.write(dir.resolve("y.npy"), new int[] {0, 1, 1, 0, 2});
        assertArrayEquals(Files.readAllBytes(fixture("default_int_1d.npy")), Files.readAllBytes(dir.resolve("y.npy")));
        Npy.write(dir.resolve("e.npy"), Matrix.zeros(0, 3));
        assertArrayEquals(Files.readAllBytes(fixture("f8_0x3.npy")), Files.readAllBytes(dir.resolve("e.npy")));
    }

    private static double[] scaled(double[] row, double s) {
        double[] out = row.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] *= s;
        }
        return out;
    }
}
