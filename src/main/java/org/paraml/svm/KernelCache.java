package org.paraml.svm;

import java.util.Arrays;

/**
 * A least-recently-used cache of float32 kernel columns with a memory budget, as libsvm's
 * {@code Cache}: each of the {@code l} positions may hold a prefix {@code [0, len)} of its column;
 * asking for a longer prefix extends it (the caller fills the new tail) and evicts the least
 * recently used columns until the budget allows it.
 *
 * <p>The budget is {@code cacheSizeMb · 2^20} bytes of float32 values, less libsvm's per-position
 * bookkeeping allowance (32 bytes per position), and never less than two full columns, so that
 * the two columns of one SMO step always fit.
 *
 * <p>{@link #swap(int, int)} follows a position swap of the solver: the two entries trade places,
 * and inside every cached column the two values trade places; a column that holds only one of
 * the two values is dropped (libsvm "gives up" on it). The entries trade places at once; the
 * values inside a column are exchanged when that column is next asked for ({@link #request},
 * {@link #data}): the swaps are kept in a log, and each column remembers how much of the log it
 * has applied. Shrinking swaps many positions in a row while most cached columns are never read
 * again before they are evicted; libsvm's order (every swap touches every cached column) spends
 * most of a solve there when the whole matrix is cached. A column that catches up applies the
 * same swaps in the same order, so it holds libsvm's values.
 *
 * <p>Not thread-safe: one solver owns one cache.
 */
final class KernelCache {
    private static final int BOOKKEEPING_FLOATS_PER_POSITION = 8;

    private final int l;
    /** Where new columns' arrays come from and go back to; or null. */
    private final ColumnArrays arrays;
    private final float[][] data;
    private final int[] len;
    /** Circular LRU list over positions; index {@code l} is the sentinel; oldest first. */
    private final int[] prev;
    private final int[] next;
    private final long capacity;
    /** Whether every full column fits in the budget (then columns get full-length arrays at once). */
    private final boolean wholeMatrix;
    private long free;
    /** The log of swaps {@code (logLo[k], logHi[k])}, lo &lt; hi, in the order they were made. */
    private int[] logLo = new int[16];
    private int[] logHi = new int[16];
    private int logSize;
    /** For the column at each position: the log entries before this index are applied to it. */
    private final int[] synced;

    KernelCache(int l, double cacheSizeMb) {
        this(l, cacheSizeMb, null);
    }

    /**
     * A cache whose new columns reuse the arrays of finished solves from {@code arrays} (or null),
     * and hand them back there on {@link #release}.
     */
    KernelCache(int l, double cacheSizeMb, ColumnArrays arrays) {
        this.arrays = arrays;
        this.l = l;
        this.data = new float[l][];
        this.len = new int[l];
        this.synced = new int[l];
        this.prev = new int[l + 1];
        this.next = new int[l + 1];
        prev[l] = l;
        next[l] = l;
        this.capacity = capacityFloats(l, cacheSizeMb);
        this.free = capacity;
        this.wholeMatrix = (long) l * l <= capacity;
    }

    /** The number of float32 values a cache of {@code cacheSizeMb} megabytes holds for {@code l} positions. */
    static long capacityFloats(int l, double cacheSizeMb) {
        long bytes = (long) (cacheSizeMb * (1 << 20));
        long floats = bytes / Float.BYTES - (long) l * BOOKKEEPING_FLOATS_PER_POSITION;
        return Math.max(floats, 2L * l);
    }

    /** True when every full column ({@code l × l} values) fits in the budget. */
    boolean holdsWholeMatrix() {
        return wholeMatrix;
    }

    /**
     * Marks column {@code a} most recently used and makes {@link #data(int)} hold at least
     * {@code length} values, evicting old columns if needed.
     *
     * @return the index from which the caller must fill the column ({@code >= length}: nothing to fill)
     */
    int request(int a, int length) {
        catchUp(a);
        if (len[a] > 0) {
            unlink(a);
        }
        int more = length - len[a];
        int start = length;
        if (more > 0) {
            while (free < more) {
                int old = next[l];
                unlink(old);
                free += len[old];
                data[old] = null;
                len[old] = 0;
            }
            float[] held = data[a];
            if (held == null || held.length < length) {
                // with the whole matrix in budget nothing is evicted: full-length arrays are never copied to grow
                int size = wholeMatrix ? l : length;
                data[a] = held == null ? newArray(size) : Arrays.copyOf(held, size);
            }
            synced[a] = logSize;
            free -= more;
            start = len[a];
            len[a] = length;
        }
        linkLast(a);
        return start;
    }

    /** The cached values of column {@code a} (valid up to the length last requested). */
    float[] data(int a) {
        catchUp(a);
        return data[a];
    }

    /** An array of at least {@code size} values for a new column: a pooled one when there is one. */
    private float[] newArray(int size) {
        float[] a = arrays == null ? null : arrays.take(size);
        return a != null ? a : new float[size];
    }

    /**
     * Empties the cache and hands its arrays to the pool it was made with (if any): the solve is
     * over and no array this cache returned may be used any more.
     */
    void release() {
        for (int a = 0; a < l; a++) {
            if (arrays != null) {
                arrays.give(data[a]);
            }
            data[a] = null;
            len[a] = 0;
            synced[a] = 0;
        }
        prev[l] = l;
        next[l] = l;
        logSize = 0;
        free = capacity;
    }

    /** Exchanges positions {@code a} and {@code b}, inside every cached column too. */
    void swap(int a, int b) {
        if (a == b) {
            return;
        }
        if (len[a] > 0) {
            unlink(a);
        }
        if (len[b] > 0) {
            unlink(b);
        }
        float[] td = data[a];
        data[a] = data[b];
        data[b] = td;
        int tl = len[a];
        len[a] = len[b];
        len[b] = tl;
        int ts = synced[a];
        synced[a] = synced[b];
        synced[b] = ts;
        if (len[a] > 0) {
            linkLast(a);
        }
        if (len[b] > 0) {
            linkLast(b);
        }
        if (logSize == logLo.length) {
            if (logSize >= 4 * l) {
                compact();
            } else {
                logLo = Arrays.copyOf(logLo, 2 * logSize);
                logHi = Arrays.copyOf(logHi, 2 * logSize);
            }
        }
        logLo[logSize] = Math.min(a, b);
        logHi[logSize] = Math.max(a, b);
        logSize++;
    }

    /**
     * Applies the swaps that column {@code a} has not seen, in the order they were made: a column
     * long enough to hold both values exchanges them; one that holds only the first is dropped.
     */
    private void catchUp(int a) {
        int from = synced[a];
        int n = logSize;
        if (from == n) {
            return;
        }
        synced[a] = n;
        int length = len[a];
        if (length == 0) {
            return;
        }
        float[] col = data[a];
        int[] los = logLo;
        int[] his = logHi;
        for (int k = from; k < n; k++) {
            int lo = los[k];
            if (length > lo) {
                int hi = his[k];
                if (length > hi) {
                    float t = col[lo];
                    col[lo] = col[hi];
                    col[hi] = t;
                } else {
                    unlink(a);
                    free += length;
                    data[a] = null;
                    len[a] = 0;
                    return;
                }
            }
        }
    }

    /** Brings every cached column up to date and empties the log. */
    private void compact() {
        for (int h = next[l]; h != l; ) {
            int following = next[h];
            catchUp(h);
            h = following;
        }
        logSize = 0;
        Arrays.fill(synced, 0);
    }

    private void unlink(int h) {
        next[prev[h]] = next[h];
        prev[next[h]] = prev[h];
    }

    private void linkLast(int h) {
        next[h] = l;
        prev[h] = prev[l];
        next[prev[h]] = h;
        prev[l] = h;
    }
}
