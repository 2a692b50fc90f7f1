package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paraml.linalg.Matrix;

class NpyRoundTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"0, 0", "0, 5", "5, 0", "1, 1", "1, 7", "7, 1", "3, 4", "1021, 9"})
    void matrixRoundTrip(int rows, int cols) throws IOException {
        Matrix x = random(rows, cols, rows * 31L + cols);
        Path f = dir.resolve("x.npy");
        Npy.write(f, x);
        Matrix back = Npy.readMatrix(f);
        assertTrue(x.contentEquals(back), x + " vs " + back);
        NpyHeader h = Npy.header(f);
        assertArrayEquals(new long[] {rows, cols}, h.shape());
        assertEquals(NpyDtype.FLOAT64, h.dtype());
        assertEquals(0, h.dataOffset() % 64);
        assertEquals(h.dataOffset() + 8L * rows * cols, java.nio.file.Files.size(f));
    }

    @Test
    void viewsAreWrittenAsTheirRows() throws IOException {
        Matrix x = random(10, 3, 1);
        Matrix view = x.selectRows(new int[] {7, 2, 2, 9});
        Npy.write(dir.resolve("v.npy"), view);
        assertTrue(view.contentEquals(Npy.readMatrix(dir.resolve("v.npy"))));
        Matrix range = x.rowRange(3, 6);
        Npy.write(dir.resolve("r.npy"), range);
        assertTrue(range.contentEquals(Npy.readMatrix(dir.resolve("r.npy"))));
    }

    @Test
    void specialValuesRoundTripBitForBit() throws IOException {
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 0.1};
        Npy.write(dir.resolve("s.npy"), v);
        double[] back = Npy.readDoubles(dir.resolve("s.npy"));
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]), "index " + i);
        }
    }

    @Test
    void intsRoundTripAsInt64() throws IOException {
        int[] y = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 3};
        Path f = dir.resolve("y.npy");
        Npy.write(f, y);
        assertEquals("<i8", Npy.header(f).descr());
        assertArrayEquals(y, Npy.readInts(f));
        assertArrayEquals(new double[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 3}, Npy.readDoubles(f), 0);
        Npy.write(f, new int[0]);
        assertArrayEquals(new int[0], Npy.readInts(f));
        assertEquals(1, Npy.readMatrix(f).cols());
    }

    @Test
    void doublesRoundTrip() throws IOException {
        Path f = dir.resolve("d.npy");
        for (int n : new int[] {0, 1, 2, 1000}) {
            double[] v = random(n, 1, n).column(0);
            Npy.write(f, v);
            assertArrayEquals(v, Npy.readDoubles(f), 0);
            assertArrayEquals(new long[] {n}, Npy.header(f).shape());
        }
    }

    /** Every dtype and byte order through ParaML's own header encoder and the reader, 1-D and 2-D. */
    @Test
    void everyDtypeAndByteOrderThroughTheHeaderCodec() throws IOException {
        double[] values = {-3, 0, 1, 2, 5, 7};
        for (NpyDtype dtype : NpyDtype.values()) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                double[] expected = values.clone();
                if (dtype == NpyDtype.BOOL) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = expected[i] != 0 ? 1 : 0;
                    }
                }
                String what = dtype + " " + order;
                Path f2 = NpyTestFiles.writeRaw(dir.resolve("a.npy"), dtype, order, new long[] {2, 3}, values);
                NpyHeader h = Npy.header(f2);
                assertEquals(dtype, h.dtype(), what);
                assertEquals(dtype.itemSize() == 1 ? ByteOrder.LITTLE_ENDIAN : order, h.byteOrder(), what);
                Matrix m = Npy.readMatrix(f2);
                assertArrayEquals(expected, m.data(), 0, what);
                assertEquals(3, m.cols(), what);

                Path f1 = NpyTestFiles.writeRaw(dir.resolve("b.npy"), dtype, order, new long[] {6}, values);
                assertArrayEquals(expected, Npy.readDoubles(f1), 0, what);
                int[] ints = Npy.readInts(f1);
                for (int i = 0; i < ints.length; i++) {
                    assertEquals(expected[i], ints[i], what);
                }
                Path f0 = NpyTestFiles.writeRaw(dir.resolve("c.npy"), dtype, order, new long[] {0, 4}, new double[0]);
                assertEquals(0, Npy.readMatrix(f0).rows(), what);
                assertEquals(4, Npy.readMatrix(f0).cols(), what);
            }
        }
    }

    @Test
    void float32WidensExactly() throws IOException {
        double[] values = {0.1, 1e-40, 3.4e38};
        Path f = NpyTestFiles.writeRaw(dir.resolve("f.npy"), NpyDtype.FLOAT32, ByteOrder.LITTLE_ENDIAN,
                new long[] {3}, values);
        double[] back = Npy.readDoubles(f);
        for (int i = 0; i < values.length; i++) {
            assertEquals((double) (float) values[i], back[i]);
        }
    }

    @Test
    void overwritesAnExistingFile() throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, Matrix.zeros(100, 100));
        Npy.write(f, new double[] {1, 2});
        assertArrayEquals(new double[] {1, 2}, Npy.readDoubles(f), 0);
        assertArrayEquals(new String[] {"x.npy"}, NpyTestFiles.list(dir));
    }

    static Matrix random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < m.data().length; i++) {
            m.data()[i] = r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10);
        }
        return m;
    }
}
