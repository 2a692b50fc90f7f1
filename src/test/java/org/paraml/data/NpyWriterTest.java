package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.linalg.Matrix;

class NpyWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesAMatrixBlockByBlock() throws IOException {
        Matrix x = NpyRoundTripTest.random(1000, 3, 8);
        Path f = dir.resolve("x.npy");
        try (NpyWriter w = NpyWriter.float64(f, 1000, 3)) {
            for (int from = 0; from < 1000; from += 333) {
                w.writeRows(x.rowRange(from, Math.min(1000, from + 333)));
                assertFalse(Files.exists(f), "published before close");
            }
            assertEquals(3000, w.written());
        }
        assertTrue(x.contentEquals(Npy.readMatrix(f)));
        assertArrayEquals(new String[] {"x.npy"}, NpyTestFiles.list(dir));
    }

    @Test
    void rowsMaySplitAcrossWriteDoublesCalls() throws IOException {
        Path f = dir.resolve("x.npy");
        try (NpyWriter w = NpyWriter.float64(f, 2, 3)) {
            w.writeDoubles(new double[] {1, 2});
            w.writeDoubles(new double[] {9, 3, 4, 9}, 1, 3);
            w.writeDoubles(new double[] {5, 6});
        }
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, Npy.readMatrix(f).toArray());
    }

    /** More values than the 1 MiB write buffer, so flushes happen mid-call. */
    @Test
    void writesLabelsLargerThanTheBuffer() throws IOException {
        int n = 300_000;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 11 - 5;
        }
        Path f = dir.resolve("y.npy");
        try (NpyWriter w = NpyWriter.int64(f, n)) {
            for (int from = 0; from < n; from += 70_000) {
                w.writeInts(y, from, Math.min(n, from + 70_000));
            }
        }
        assertArrayEquals(y, Npy.readInts(f));
        assertEquals("<i8", Npy.header(f).descr());
    }

    @Test
    void incompleteWriterLeavesNothing() throws IOException {
        Path f = dir.resolve("y.npy");
        NpyWriter w = NpyWriter.int64(f, 10);
        w.writeInts(new int[] {1, 2, 3});
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("only 3 of the 10 values"), e.getMessage());
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
        w.close(); // idempotent once discarded
    }

    @Test
    void failureInsideTryWithResourcesKeepsTheOldFile() throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, new double[] {7});
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            try (NpyWriter w = NpyWriter.float64(f, 4)) {
                w.writeDoubles(new double[] {1, 2});
                throw boom;
            }
        });
        assertEquals(boom, thrown);
        assertEquals(1, thrown.getSuppressed().length); // close() said the file was not written
        assertArrayEquals(new double[] {7}, Npy.readDoubles(f), 0);
        assertArrayEquals(new String[] {"x.npy"}, NpyTestFiles.list(dir));
    }

    @Test
    void abortDiscardsQuietly() throws IOException {
        Path f = dir.resolve("x.npy");
        try (NpyWriter w = NpyWriter.float64(f, 1)) {
            w.writeDoubles(new double[] {1});
            w.abort();
        }
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
    }

    @Test
    void tooManyValuesOrWrongKindDiscardTheFile() throws IOException {
        Path f = dir.resolve("x.npy");
        NpyWriter w = NpyWriter.float64(f, 2, 2);
        w.writeRows(Matrix.zeros(2, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.writeRows(Matrix.zeros(1, 2)));
        assertTrue(e.getMessage().contains("holds 4"), e.getMessage());
        assertThrows(IllegalStateException.class, w::close); // complete count, but a write failed
        assertFalse(Files.exists(f));

        NpyWriter v = NpyWriter.int64(f, 2);
        assertThrows(IllegalStateException.class, () -> v.writeDoubles(new double[] {1, 2}));
        assertThrows(IllegalStateException.class, v::close);
        NpyWriter m = NpyWriter.float64(f, 2, 3);
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> m.writeRows(Matrix.zeros(2, 2)));
        assertTrue(cols.getMessage().contains("the block has 2 columns, the file has 3"), cols.getMessage());
        m.abort();
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
    }

    /** The rename fails (the target is a non-empty folder): the temporary file must not stay behind. */
    @Test
    void failedPublishLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("x.npy");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "keep");
        assertThrows(IOException.class, () -> Npy.write(target, Matrix.zeros(3, 3)));
        assertArrayEquals(new String[] {"x.npy"}, NpyTestFiles.list(dir));
        assertTrue(Files.isDirectory(target));
        assertEquals("keep", Files.readString(target.resolve("keep.txt")));
    }

    @Test
    void missingFolderIsThePlainJdkError() {
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> Npy.write(dir.resolve("no/such/x.npy"), new double[] {1}));
    }

    @Test
    void negativeShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.float64(dir.resolve("x.npy"), -1));
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
    }

    /** Positional writes: blocks from two threads in reverse order (rows wider than a write chunk too). */
    @Test
    void writesBlocksByPositionFromSeveralThreadsInAnyOrder() throws Exception {
        for (int cols : new int[] {3, 40_000}) {
            int rows = cols == 3 ? 1000 : 7;
            int step = cols == 3 ? 170 : 2;
            Matrix x = NpyRoundTripTest.random(rows, cols, 11);
            Path f = dir.resolve("pos" + cols + ".npy");
            try (NpyWriter w = NpyWriter.float64(f, rows, cols)) {
                java.util.List<Thread> threads = new java.util.ArrayList<>();
                java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                        new java.util.concurrent.atomic.AtomicReference<>();
                for (int t = 0; t < 2; t++) {
                    int parity = t;
                    Thread th = new Thread(() -> {
                        try {
                            for (int from = (rows - 1) / step * step; from >= 0; from -= step) {
                                if ((from / step) % 2 == parity) {
                                    w.writeRowsAt(from, x.rowRange(from, Math.min(rows, from + step)));
                                }
                            }
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    });
                    threads.add(th);
                    th.start();
                }
                for (Thread th : threads) {
                    th.join();
                }
                assertEquals(null, failure.get());
                assertFalse(Files.exists(f), "published before close");
            }
            assertTrue(x.contentEquals(Npy.readMatrix(f)), "cols=" + cols);
        }
    }

    @Test
    void aPositionalWriterCannotAlsoAppend() throws IOException {
        Matrix x = NpyRoundTripTest.random(4, 2, 5);
        NpyWriter w = NpyWriter.float64(dir.resolve("mixed.npy"), 4, 2);
        w.writeRowsAt(0, x.rowRange(0, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.writeRows(x.rowRange(2, 4)));
        assertTrue(e.getMessage().contains("cannot append"), e.getMessage());
        assertThrows(IllegalStateException.class, w::close, "the misused writer is discarded");
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
    }

    @Test
    void positionalWritesThatMissRowsPublishNothing() throws IOException {
        Matrix x = NpyRoundTripTest.random(10, 2, 3);
        Path f = dir.resolve("gap.npy");
        NpyWriter w = NpyWriter.float64(f, 10, 2);
        w.writeRowsAt(5, x.rowRange(5, 10));
        assertThrows(IllegalArgumentException.class, () -> w.writeRowsAt(8, x.rowRange(0, 5)), "past the shape");
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("not written"), e.getMessage());
        assertFalse(Files.exists(f));
        assertArrayEquals(new String[0], NpyTestFiles.list(dir));
    }
}
