package org.paraml.cluster;

import java.util.function.IntFunction;
import org.paraml.backend.Parallel;

/**
 * Per-row values of a (possibly huge) dataset, indexed by global row, stored in chunks of 2^20 rows. The
 * layout shared by {@link RowDoubles} (the seeding costs) and {@link RowInts} (each row's nearest candidate).
 *
 * <p>Why chunks this large: the values live through the whole seeding, and a large chunk (8 MB of doubles,
 * 4 MB of ints) is a humongous object for G1 with the regions of heaps up to 16 GB, allocated straight in
 * the old generation. Chunks of 32,768 rows, which are ordinary young objects, were copied by every young
 * collection until promoted: at 20M rows, 240 MB copied in a burst of pauses, after which G1 grew the
 * heap to 3 GB and the peak resident size over 1.6 GB in some runs. The untouched tail of a humongous
 * chunk's last region is committed but never resident.
 *
 * @param <A> the chunk type: an array of a primitive type
 */
abstract class RowChunks<A> {
    static final int SHIFT = 20;
    static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final long size;
    private final Object[] chunks;

    RowChunks(long size, IntFunction<A> make) {
        this(size, make, 1);
    }

    /**
     * Makes the chunks on up to {@code threads} threads. Why: a large store is fresh memory, which the JVM zeroes as
     * it allocates; on a virtual machine the first touch of a page is the costly part (15-20 µs a 4 KiB page here,
     * bench/RESULTS.md, sessions 28 and 32), and two threads touch the pages of a 200 MB store in less wall time
     * than one.
     */
    RowChunks(long size, IntFunction<A> make, int threads) {
        this.size = size;
        int n = (int) ((size + CHUNK - 1) >>> SHIFT);
        Object[] made = new Object[n];
        Parallel.forEach(n, Math.max(1, threads), c -> made[c] = make.apply(chunkLength(c)));
        chunks = made;
    }

    final long size() {
        return size;
    }

    private int chunkLength(int c) {
        return (int) Math.min(CHUNK, size - ((long) c << SHIFT));
    }

    /** The chunk holding rows {@code [i × 2^20, ...)}; for sequential scans. */
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
        forEachRun(from, len, (chunk, off, at, n) -> {
            if (toArray) {
                System.arraycopy(chunk, off, array, at, n);
            } else {
                System.arraycopy(array, at, chunk, off, n);
            }
        });
    }

    /** A run of rows that lies in one chunk: {@code n} rows from {@code chunk[off]}, the {@code at}-th of the range on. */
    @FunctionalInterface
    interface Run<A> {
        void accept(A chunk, int off, int at, int n);
    }

    /** Rows {@code [from, from + len)} as runs within chunks, in row order. */
    @SuppressWarnings("unchecked")
    final void forEachRun(long from, int len, Run<A> run) {
        int done = 0;
        while (done < len) {
            long row = from + done;
            int c = (int) (row >>> SHIFT);
            int off = (int) (row & MASK);
            int n = Math.min(len - done, chunkLength(c) - off);
            run.accept((A) chunks[c], off, done, n);
            done += n;
        }
    }
}
