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
 * <p>The arrays of evicted, dropped and grown columns are kept (up to a quarter of the budget) and reused for
 * new columns once the caller says it reads none of them any more ({@link #reuseLetGo()}), instead of being
 * left to the collector: a large fit evicts a column for almost every new one.
 *
 * <p>Not thread-safe: one solver owns one cache.
 */
final class KernelCache {
    private static final int BOOKKEEPING_FLOATS_PER_POSITION = 8;
    /**
     * The most arrays let go of between two {@link #reuseLetGo()} calls that are kept for reuse: a step lets
     * go of a few, a batch of the gradient's reconstruction of up to its batch (32); more go to the collector.
     */
    static final int LET_GO = 64;
    /** The most arrays kept free for new columns: as many, since a batch asks for as many new columns. */
    static final int SPARE = LET_GO;

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
    /**
     * Arrays of columns evicted, dropped or grown since the last {@link #reuseLetGo()}: the caller may still be
     * reading them (a step's first column while its second is computed), so they wait here until it says it
     * holds none.
     */
    private final float[][] letGo = new float[LET_GO][];
    private int letGoCount;
    /** Arrays free for new columns (from {@link #letGo}), the most recent last. */
    private final float[][] spare = new float[SPARE][];
    private int spareCount;
    /**
     * Floats in {@link #letGo} and {@link #spare} together, and the most they may hold: a quarter of the budget,
     * at least two full columns (so that a step's two new columns can reuse arrays even in a small cache).
     */
    private long keptFloats;
    private final long maxKeptFloats;

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
        this.maxKeptFloats = Math.max(capacity / 4, 2L * l);
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
                letGo(data[old]);
                data[old] = null;
                len[old] = 0;
            }
            float[] held = data[a];
            if (held == null || held.length < length) {
                // with the whole matrix in budget nothing is evicted: full-length arrays are never copied to grow
                int size = wholeMatrix ? l : length;
                float[] grown = newArray(size);
                if (held != null) {
                    System.arraycopy(held, 0, grown, 0, len[a]);
                    letGo(held);
                }
                data[a] = grown;
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

    /**
     * An array of at least {@code size} values for a new column: a spare one of this cache (at most twice as
     * long, as the pool's), else a pooled one, else a new one. In a solve whose columns do not all fit, every
     * new column evicts old ones: reusing their arrays keeps a 200 MB cache from turning over gigabytes of
     * zeroed arrays, and young collections from copying the live ones (RESULTS "Session 22").
     */
    private float[] newArray(int size) {
        for (int k = spareCount - 1; k >= 0; k--) {
            float[] a = spare[k];
            if (a.length >= size && a.length <= 2L * size) {
                // keep the others oldest first: dropOldestSpare drops spare[0]
                System.arraycopy(spare, k + 1, spare, k, spareCount - k - 1);
                spare[--spareCount] = null;
                keptFloats -= a.length;
                return a;
            }
        }
        float[] a = arrays == null ? null : arrays.take(size);
        return a != null ? a : new float[size];
    }

    /** Keeps {@code a}, no longer a column of this cache, until the caller says it reads no column array. */
    private void letGo(float[] a) {
        if (a == null || letGoCount == LET_GO) {
            return;
        }
        // the oldest spare arrays make room: after shrinking they are often too long for the new columns
        while (keptFloats + a.length > maxKeptFloats && spareCount > 0) {
            dropOldestSpare();
        }
        if (keptFloats + a.length <= maxKeptFloats) {
            letGo[letGoCount++] = a;
            keptFloats += a.length;
        }
    }

    private void dropOldestSpare() {
        keptFloats -= spare[0].length;
        System.arraycopy(spare, 1, spare, 0, spareCount - 1);
        spare[--spareCount] = null;
    }

    /**
     * The caller holds no column array this cache returned: the arrays of columns evicted, dropped or grown
     * since the last call may be reused for new columns (the oldest spare ones make room).
     */
    void reuseLetGo() {
        for (int k = 0; k < letGoCount; k++) {
            if (spareCount == SPARE) {
                dropOldestSpare();
            }
            spare[spareCount++] = letGo[k];
            letGo[k] = null;
        }
        letGoCount = 0;
    }

    /**
     * Empties the cache and hands its arrays to the pool it was made with (if any): the solve is
     * over and no array this cache returned may be used any more.
     */
    void release() {
        reuseLetGo();
        for (int k = 0; k < spareCount; k++) {
            if (arrays != null) {
                arrays.give(spare[k]);
            }
            spare[k] = null;
        }
        spareCount = 0;
        keptFloats = 0;
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
                    letGo(col);
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
