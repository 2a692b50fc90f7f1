package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.linalg.Matrix;

class NpyRowReaderTest {
    @TempDir
    Path dir;

    private Path write(Matrix x) throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, x);
        return f;
    }

    @Test
    void readsRowRanges() throws IOException {
        Matrix x = NpyRoundTripTest.random(50, 7, 3);
        try (NpyRowReader r = Npy.openRows(write(x))) {
            assertEquals(50, r.rows());
            assertEquals(7, r.cols());
            assertTrue(x.rowRange(0, 50).contentEquals(r.readRows(0, 50)));
            assertTrue(x.rowRange(13, 14).contentEquals(r.readRows(13, 14)));
            assertTrue(x.rowRange(49, 50).contentEquals(r.readRows(49, 50)));
            Matrix none = r.readRows(20, 20);
            assertEquals(0, none.rows());
            assertEquals(7, none.cols());
        }
    }

    @Test
    void reusesTheCallersBufferAndLeavesTheRestAlone() throws IOException {
        Matrix x = NpyRoundTripTest.random(10, 3, 4);
        try (NpyRowReader r = Npy.openRows(write(x))) {
            double[] buf = new double[20];
            java.util.Arrays.fill(buf, 42);
            assertEquals(12, r.readRows(2, 6, buf));
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(x.row(2 + i), java.util.Arrays.copyOfRange(buf, 3 * i, 3 * i + 3), 0);
            }
            for (int k = 12; k < 20; k++) {
                assertEquals(42, buf[k]);
            }
        }
    }

    /**
     * Windows far smaller than the range, of sizes that split rows (and, rounded to whole elements, every
     * window boundary position): the multi-window path a multi-GB file takes.
     */
    @Test
    void readsAcrossWindowBoundaries() throws IOException {
        Matrix x = NpyRoundTripTest.random(37, 5, 5);
        Path f = write(x);
        for (int window : new int[] {1, 8, 16, 24, 40, 56, 4096}) {
            try (NpyRowReader r = NpyRowReader.open(f, window)) {
                assertEquals(Math.min(Math.max(8, window / 8 * 8), 37 * 5 * 8), r.windowBytes());
                for (int[] range : new int[][] {{0, 37}, {1, 36}, {5, 6}, {10, 23}, {36, 37}}) {
                    Matrix got = r.readRows(range[0], range[1]);
                    assertTrue(x.rowRange(range[0], range[1]).contentEquals(got),
                            "window " + window + " rows " + range[0] + ".." + range[1]);
                }
            }
        }
    }

    @Test
    void everyDtypeInSmallWindows() throws IOException {
        double[] values = new double[60];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 7 - 3;
        }
        for (NpyDtype dtype : NpyDtype.values()) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                Path f = NpyTestFiles.writeRaw(dir.resolve("d.npy"), dtype, order, new long[] {12, 5}, values);
                Matrix all = Npy.readMatrix(f);
                try (NpyRowReader r = NpyRowReader.open(f, 3 * dtype.itemSize())) {
                    Matrix part = r.readRows(3, 11);
                    assertTrue(all.rowRange(3, 11).contentEquals(part), dtype + " " + order);
                }
            }
        }
    }

    @Test
    void oneDimensionalFilesReadAsOneColumn() throws IOException {
        Path f = dir.resolve("v.npy");
        Npy.write(f, new int[] {5, 6, 7, 8});
        try (NpyRowReader r = Npy.openRows(f)) {
            assertEquals(4, r.rows());
            assertEquals(1, r.cols());
            assertArrayEquals(new double[] {6, 7}, r.readRows(1, 3).column(0), 0);
        }
    }

    @Test
    void concurrentReadsAgree() throws Exception {
        Matrix x = NpyRoundTripTest.random(2000, 6, 6);
        Path f = write(x);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NpyRowReader r = NpyRowReader.open(f, 1000)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                int from = (t * 97) % 1900;
                int to = from + 1 + (t * 13) % 100;
                results.add(pool.submit(() -> x.rowRange(from, to).contentEquals(r.readRows(from, to))));
            }
            for (Future<Boolean> ok : results) {
                assertTrue(ok.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The JDK closes a FileChannel for every thread when one reader thread is interrupted; others carry on. */
    @Test
    void survivesAnInterruptedReader() throws Exception {
        Matrix x = NpyRoundTripTest.random(100, 4, 7);
        try (NpyRowReader r = NpyRowReader.open(write(x), 64)) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> r.readRows(0, 100));
            } finally {
                Thread.interrupted(); // clear the flag for the rest of the test
            }
            assertTrue(x.rowRange(10, 90).contentEquals(r.readRows(10, 90)));
        }
    }

    /** Nothing of the file is mapped during or after a call: mapped pages would count as resident memory. */
    @Test
    void readsWithoutMapping() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "needs Linux /proc");
        Path f = dir.resolve("mapped-check.npy");
        Npy.write(f, NpyRoundTripTest.random(3000, 8, 9));
        try (NpyRowReader r = NpyRowReader.open(f, 4096)) {
            String[] during = new String[1];
            r.readElements(0, 3000 * 8, (window, first, count) -> {
                if (during[0] == null) {
                    during[0] = Files.readString(maps);
                }
            });
            assertFalse(during[0].contains(f.getFileName().toString()), "the file is mapped:\n" + during[0]);
            r.readRows(100, 2900, new double[2800 * 8]);
            String after = Files.readString(maps);
            assertFalse(after.contains(f.getFileName().toString()), "the file is still mapped:\n" + after);
        }
    }

    /** A file cut short after it was opened (another process rewrote it) is named, not read as zeros. */
    @Test
    void fileTruncatedAfterOpeningIsRefused() throws IOException {
        Path f = write(NpyRoundTripTest.random(500, 4, 11));
        try (NpyRowReader r = NpyRowReader.open(f, 1024)) {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() - 8 * 4 * 100);
            }
            assertTrue(r.readRows(0, 300).rows() == 300, "the rows still in the file read as before");
            NpyFormatException e = assertThrows(NpyFormatException.class, () -> r.readRows(250, 500));
            assertTrue(e.getMessage().contains("shrank after it was opened") && e.getMessage().contains(f.toString()),
                    e.getMessage());
        }
    }

    @Test
    void closedReaderRefuses() throws IOException {
        NpyRowReader r = Npy.openRows(write(Matrix.zeros(3, 3)));
        r.close();
        r.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.readRows(0, 1));
        assertTrue(e.getMessage().contains("closed"));
    }
}
