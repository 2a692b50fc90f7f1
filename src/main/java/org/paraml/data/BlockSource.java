package org.paraml.data;

import java.io.IOException;
import org.paraml.linalg.Matrix;

/**
 * Where the row blocks of a {@link Blocks} come from: a fixed number of blocks of known shapes, read
 * (or made) one at a time on demand.
 *
 * <p><b>Threads.</b> {@link #read} may be called concurrently for different blocks (by a prefetch
 * thread and the compute threads of a pass); implementations must be thread-safe.
 *
 * <p><b>Memory.</b> A read either returns a view of memory the source already holds and never
 * modifies (an in-memory matrix, a persisted block), or fills the caller's {@code scratch} array and
 * returns a view of it, or returns a freshly allocated matrix. The caller bounds how many blocks are
 * alive at once; a source should keep no per-block memory of its own between reads.
 */
public interface BlockSource extends AutoCloseable {

    /** Number of blocks, {@code >= 0}. */
    int numBlocks();

    /** Number of columns (features) of every block, {@code >= 1}. */
    int cols();

    /** Number of rows of block {@code index}, {@code >= 0}. */
    int blockRows(int index);

    /**
     * Block {@code index} as a {@code blockRows(index) × cols()} matrix.
     *
     * @param scratch an array of at least {@code blockRows(index) × cols()} doubles the source may
     *                fill and return a view of (see {@link #viewOf(double[], int, int)}); null when
     *                {@link #inMemory()} is true
     * @throws IOException when a file cannot be read; the message names the file
     */
    Matrix read(int index, double[] scratch) throws IOException;

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of block {@code index}. The default reads
     * the whole block; sources with random access (files, memory) read only the range.
     */
    default Matrix readRows(int index, int from, int to, double[] scratch) throws IOException {
        return read(index, scratch).rowRange(from, to);
    }

    /**
     * True when {@link #read} returns views of memory the source holds: nothing to prefetch, no scratch
     * needed, and reading is free.
     */
    default boolean inMemory() {
        return false;
    }

    /**
     * True when {@link #readRows} of a few rows costs about as little as those rows (memory, files); false
     * when the whole block must be made to get any of its rows (a generator).
     */
    default boolean randomAccess() {
        return inMemory();
    }

    /**
     * False when {@link #read} never uses its {@code scratch} argument (it returns views of memory it holds
     * or fresh matrices), so that no buffer need be allocated for it; it is then given null.
     */
    default boolean usesScratch() {
        return !inMemory();
    }

    /** A short human description for logs and messages, e.g. "500 generated blocks of 200000 rows". */
    String describe();

    /** Releases files and memory held by the source. The default does nothing. */
    @Override
    default void close() throws IOException {
    }

    /**
     * A {@code rows × cols} view of the start of {@code scratch}, which must hold a whole number of
     * {@code cols}-wide rows and at least {@code rows} of them. Shares {@code scratch}.
     */
    static Matrix viewOf(double[] scratch, int rows, int cols) {
        if (cols <= 0 || scratch.length % cols != 0 || (long) rows * cols > scratch.length) {
            throw new IllegalArgumentException("scratch of " + scratch.length + " values cannot hold a " + rows
                    + " x " + cols + " block as whole rows");
        }
        return Matrix.wrap(scratch, scratch.length / cols, cols).rowRange(0, rows);
    }
}
