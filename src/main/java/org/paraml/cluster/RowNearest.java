package org.paraml.cluster;

/**
 * Each row's nearest k-means|| candidate so far (−1 before any), indexed by global row, in two bytes a row while
 * the candidates number fewer than {@value #NARROW_LIMIT}, and four bytes a row (a {@link RowInts}) from the pass
 * that may write a larger index on.
 *
 * <p>Why: these indices are fresh memory for every large fit, and fresh memory is what a first fit pays most for on
 * some hosts (15-20 µs a 4 KiB page on a virtual machine: the 80 MB of ints of a 20M-row fit took 0.4 s to allocate,
 * bench/RESULTS.md, session 31). The tutorial's fits have a few hundred candidates. Stored as {@code index + 1}, so
 * that a new store, all zeros, holds −1 everywhere without a fill.
 *
 * <p>{@link #allow} must not run while a pass reads or writes; reads and writes of disjoint rows may run at once.
 */
final class RowNearest {
    /** Indices below this are stored in a {@code char} (as {@code index + 1}). */
    static final int NARROW_LIMIT = Character.MAX_VALUE;

    private final long size;
    private RowChars narrow;
    private RowInts wide;

    /** Every row's index −1. */
    RowNearest(long size) {
        this(size, 1);
    }

    /** Every row's index −1, the store made on up to {@code threads} threads. */
    RowNearest(long size, int threads) {
        this.size = size;
        this.narrow = new RowChars(size, threads);
    }

    /** Makes room for indices below {@code bound}: widens to four bytes a row when they may not fit in two. */
    void allow(int bound) {
        if (narrow == null || bound <= NARROW_LIMIT) {
            return;
        }
        RowInts ints = new RowInts(size);
        for (int c = 0; c < narrow.chunkCount(); c++) {
            char[] from = narrow.chunk(c);
            int[] to = ints.chunk(c);
            for (int i = 0; i < from.length; i++) {
                to[i] = from[i] - 1;
            }
        }
        wide = ints;
        narrow = null;
    }

    /** Whether the indices take four bytes a row. */
    boolean wide() {
        return wide != null;
    }

    /** Rows {@code [from, from + len)} into {@code dst[0..len)}. */
    void read(long from, int[] dst, int len) {
        if (wide != null) {
            wide.read(from, dst, len);
        } else {
            narrow.readIndices(from, dst, len);
        }
    }

    /**
     * {@code src[0..len)} into rows {@code [from, from + len)}.
     *
     * @throws IllegalStateException when an index does not fit the two-byte store ({@link #allow} was not told)
     */
    void write(long from, int[] src, int len) {
        if (wide != null) {
            wide.write(from, src, len);
        } else {
            narrow.writeIndices(from, src, len);
        }
    }
}
