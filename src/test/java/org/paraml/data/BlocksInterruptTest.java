package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread interrupted while it reads file-backed blocks itself (its read is a positional {@code FileChannel} read,
 * which the interrupt ends with {@code ClosedByInterruptException}) sees a cancellation, as a pass interrupted between
 * blocks does, not an I/O failure. Passes over files read on their own worker threads; the rows a k-means|| round
 * samples are read on the fit's thread.
 */
class BlocksInterruptTest {
    @TempDir
    Path dir;

    private Path file(int rows, int cols) throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, NpyRoundTripTest.random(rows, cols, 3));
        return f;
    }

    /** The sampled rows of a round are read one by one from a spill or .npy file on the calling thread. */
    @Test
    void gatheringRowsFromAFileWhileInterruptedIsACancellation() throws IOException {
        try (Blocks blocks = Blocks.npy(file(400, 5), 50)) {
            Thread.currentThread().interrupt();
            try {
                CancellationException e = assertThrows(CancellationException.class,
                        () -> blocks.gatherRows(new long[] {3, 170, 399}, 1));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
                assertTrue(e.getCause() instanceof java.nio.channels.ClosedByInterruptException, String.valueOf(e.getCause()));
            } finally {
                Thread.interrupted();
            }
            // the blocks still read afterwards (the reader reopened its file)
            assertEquals(3, blocks.gatherRows(new long[] {3, 170, 399}, 1).rows());
        }
    }
}
