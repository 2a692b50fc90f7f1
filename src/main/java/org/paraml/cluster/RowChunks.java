package org.paraml.cluster;

import java.util.function.IntFunction;

/**
 * Per-row values of a (possibly huge) dataset, indexed by global row, stored in chunks of 32768 rows so
 * that no array is a humongous heap object whatever the number of rows or the block size. The layout
 * shared by {@link RowDoubles} (the seeding costs) and {@link RowInts} (each row's nearest candidate).
 *
 * @param <A> the chunk type: an array of a primitive type
 */
abstract class RowChunks<A> {
    static final int SHIFT = 15;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final long size;
    private final Object[] chunks;

    RowChunks(long size, IntFunction<A> make) {
        this.size = size;
        int n = (int) ((size + CHUNK - 1) >>> SHIFT);
        chunks = new Object[n];
        for (int c = 0; c < n; c++) {
            chunks[c] = make.apply(chunkLength(c));
        }
    }

    final long size() {
        return size;
    }

    private int chunkLength(int c) {
        return (int) Math.min(CHUNK, size - ((long) c << SHIFT));
    }

    /** The chunk holding rows {@code [i × 32768, ...)}; for sequential scans. */
    @SuppressWarnings("unchecked")
    final A chunk(int i) {
        return (A) chunks[i];
    }

    final int chunkCount() {
        return chunks.length;
    }

    /** Copies rows {@code [from, from + len)} into {@code dst[0..len)}. */
    final void read(long from, A dst, int len) {
        copy(from, dst, len, true);
    }

    /** Copies {@code src[0..len)} into rows {@code [from, from + len)}. */
    final void write(long from, A src, int len) {
        copy(from, src, len, false);
    }

    private void copy(long from, Object array, int len, boolean toArray) {
        int done = 0;
        while (done < len) {
            long row = from + done;
            int c = (int) (row >>> SHIFT);
            int off = (int) (row & MASK);
            int n = Math.min(len - done, chunkLength(c) - off);
            if (toArray) {
                System.arraycopy(chunks[c], off, array, done, n);
            } else {
                System.arraycopy(array, done, chunks[c], off, n);
            }
            done += n;
        }
    }
}
