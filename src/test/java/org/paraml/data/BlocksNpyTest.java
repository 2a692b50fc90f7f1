package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.linalg.Matrix;

class BlocksNpyTest {
    @TempDir
    Path tmp;

    private static Matrix counting(int rows, int cols, double base) {
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, base + i * cols + j);
            }
        }
        return m;
    }

    /**
     * Gathering from a file reads runs of consecutive rows at once: runs within a block, runs cut at a block's
     * end, repeated rows, rows asked for out of order, single rows, and a run longer than one read (more than
     * 2^19 values), all where they were asked for.
     */
    @Test
    void gatheredRowsFromAFileAreThoseAskedForInTheirOrder() throws IOException {
        Matrix x = counting(50, 3, 0);
        Path f = tmp.resolve("x.npy");
        Npy.write(f, x);
        int[][] asks = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
            {20, 5, 6, 6, 7, 49, 48, 47, 8, 9, 0},
            {33},
            {15, 16, 17, 16, 15, 24, 25},
        };
        try (Blocks blocks = Blocks.npy(f, 8)) {
            for (int[] ask : asks) {
                long[] rows = java.util.Arrays.stream(ask).asLongStream().toArray();
                assertTrue(x.selectRows(ask).contentEquals(blocks.gatherRows(rows, 2)),
                        java.util.Arrays.toString(ask));
            }
        }
        // one block of 200,000 rows x 3 (600,000 values): its first 180,000 rows are two reads
        Matrix big = counting(200_000, 3, 0.5);
        Path g = tmp.resolve("big.npy");
        Npy.write(g, big);
        int[] head = java.util.stream.IntStream.range(0, 180_000).toArray();
        try (Blocks blocks = Blocks.npy(g, 200_000)) {
            long[] rows = java.util.Arrays.stream(head).asLongStream().toArray();
            assertTrue(big.selectRows(head).contentEquals(blocks.gatherRows(rows, 1)));
        }
    }

    @Test
    void oneFileIsReadByRowRangesInBlocks() throws IOException {
        Matrix x = counting(50, 3, 0);
        Path f = tmp.resolve("x.npy");
        Npy.write(f, x);
        try (Blocks blocks = Blocks.npy(f, 8)) {
            assertEquals(7, blocks.numBlocks());
            assertEquals(2, blocks.blockRows(6));
            assertEquals(50, blocks.rows());
            assertTrue(blocks.source().randomAccess());
            List<Matrix> got = blocks.pass(2).map(b -> b.rows().copy());
            for (int i = 0; i < 7; i++) {
                assertTrue(x.rowRange(i * 8, Math.min(50, i * 8 + 8)).contentEquals(got.get(i)), "block " + i);
            }
            Matrix g = blocks.gatherRows(new long[] {49, 8, 3}, 2);
            assertTrue(x.selectRows(new int[] {49, 8, 3}).contentEquals(g));
            try (BlockIterator it = blocks.iterator()) {
                int n = 0;
                while (it.hasNext()) {
                    assertTrue(got.get(n).contentEquals(it.next().rows()));
                    n++;
                }
                assertEquals(7, n);
            }
        }
    }

    @Test
    void aFolderIsReadInNameOrderAndBlocksDoNotSpanFiles() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("parts"));
        Npy.write(dir.resolve("part-1.npy"), counting(10, 2, 1000));
        Npy.write(dir.resolve("part-0.npy"), counting(5, 2, 0));
        Files.writeString(dir.resolve("README.txt"), "not data");
        try (Blocks blocks = Blocks.npy(dir, 4)) {
            assertEquals(15, blocks.rows());
            assertEquals(List.of(4, 1, 4, 4, 2), blocks.pass(1).map(b -> b.rows().rows()));
            assertEquals(List.of(0.0, 8.0, 1000.0, 1008.0, 1016.0), blocks.pass(1).map(b -> b.rows().get(0, 0)));
        }
    }

    @Test
    void badFoldersAndFilesAreNamedInErrors() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Blocks.npy(empty, 10));
        assertTrue(e.getMessage().contains("empty"));
        Path dir = Files.createDirectory(tmp.resolve("mixed"));
        Npy.write(dir.resolve("a.npy"), counting(3, 2, 0));
        Npy.write(dir.resolve("b.npy"), counting(3, 3, 0));
        IOException bad = assertThrows(IOException.class, () -> Blocks.npy(dir, 10));
        assertTrue(bad.getMessage().contains("b.npy"), bad.getMessage());
        assertThrows(IOException.class, () -> Blocks.npy(tmp.resolve("missing.npy"), 10));
    }

    @Test
    void aFileWithNoColumnsIsABadFileNamedInTheError() throws IOException {
        Path f = tmp.resolve("no-columns.npy");
        Npy.write(f, Matrix.zeros(10, 0));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Blocks.npy(f, 4));
        assertTrue(e.getMessage().contains("no-columns.npy") && e.getMessage().contains("(10, 0)")
                && e.getMessage().contains("at least 1"), e.getMessage());
        Path dir = Files.createDirectory(tmp.resolve("parts"));
        Npy.write(dir.resolve("a.npy"), Matrix.zeros(0, 0));
        Npy.write(dir.resolve("b.npy"), Matrix.zeros(3, 0));
        NpyFormatException inFolder = assertThrows(NpyFormatException.class, () -> Blocks.npy(dir, 4));
        assertTrue(inFolder.getMessage().contains("a.npy"), inFolder.getMessage());
    }

    /** What the test below checks end to end, on any user (root reads every file, so it skips there). */
    @Test
    void aBarePermissionErrorGetsItsReason() {
        Path f = tmp.resolve("secret.npy");
        java.nio.file.AccessDeniedException bare = new java.nio.file.AccessDeniedException(f.toString());
        java.nio.file.AccessDeniedException named = Npy.permissionDenied(f, bare);
        assertTrue(named.getMessage().contains("secret.npy") && named.getMessage().contains("permission denied"),
                named.getMessage());
        assertTrue(named.getCause() == bare, "the JDK's exception is kept as the cause");
        java.nio.file.AccessDeniedException withReason = new java.nio.file.AccessDeniedException(f.toString(), null, "EACCES");
        assertTrue(Npy.permissionDenied(f, withReason) == withReason, "a reason the JDK gave is kept as it is");
    }

    @Test
    void anUnreadableFileOrFolderIsNamedWithTheReason() throws IOException {
        Path f = tmp.resolve("secret.npy");
        Npy.write(f, counting(4, 2, 0));
        Path dir = Files.createDirectory(tmp.resolve("closed"));
        Npy.write(dir.resolve("a.npy"), counting(4, 2, 0));
        Files.setPosixFilePermissions(f, java.util.Set.of());
        Files.setPosixFilePermissions(dir, java.util.Set.of());
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f) || Files.isReadable(dir),
                    "permissions are not enforced for this user (root)");
            // AccessDeniedException's own message is the bare path: the reason must be said
            IOException file = assertThrows(IOException.class, () -> Blocks.npy(f, 2));
            assertTrue(file.getMessage().contains("secret.npy") && file.getMessage().contains("permission denied"),
                    file.getMessage());
            IOException folder = assertThrows(IOException.class, () -> Blocks.npy(dir, 2));
            assertTrue(folder.getMessage().contains("closed") && folder.getMessage().contains("permission denied"),
                    folder.getMessage());
        } finally {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }
}
