package org.paraml.svm;

import java.lang.ref.SoftReference;
import java.util.Arrays;

/**
 * The column arrays of finished solves, kept for the next solves of the same fit: a probability
 * fit runs six solves (five calibration folds and the pair itself) and a grid search's fits many
 * more, each filling thousands of float32 kernel columns. A new Java array is zeroed before the
 * kernel values overwrite it, and at 10,000 rows that zeroing streams gigabytes through memory per
 * search; a reused array is only overwritten.
 *
 * <p>Arrays are handed back whole by {@link KernelCache#release} when a solve ends and taken by
 * length: the last one handed back, among the last {@value #SEARCH} of them, that is at least as
 * long as asked for and at most twice as long (so that a reused array does not waste much of the
 * cache budget; the solves of a fit ask for a few lengths only). The pool holds at most
 * {@code maxFloats} values, all through one soft reference: what would have been garbage stays
 * reusable but never keeps the heap from the rest of the program (the collector clears the whole
 * pool before it runs out of memory). One reference for the pool, not one per array: a solve hands
 * back thousands of arrays, and a reference object per array (with its lookups on every take) cost
 * about 4% of a grid search. A cache only reads the prefix it has filled, so what a reused array held
 * before does not matter. Thread-safe: the trainings of one fit may run side by side.
 */
final class ColumnArrays {
    /** How many of the most recently given arrays {@link #take} looks at. */
    static final int SEARCH = 8;

    private long maxFloats;
    /** The most {@link #enter} may raise {@code maxFloats} to. */
    private final long ceiling;
    /** The cache budgets (floats) of the fits using this pool now ({@link #enter}); see {@link #forSearch()}. */
    private long active;
    private boolean closed;
    /** The pooled arrays, the most recently given last; cleared as a whole by the collector. */
    private SoftReference<Pool> pool = new SoftReference<>(null);

    /** The arrays and their lengths (read without touching the arrays), in parallel, {@code size} of them. */
    private static final class Pool {
        float[][] arrays = new float[16][];
        int[] lengths = new int[16];
        int size;
        long floats;

        void add(float[] a) {
            if (size == arrays.length) {
                arrays = Arrays.copyOf(arrays, 2 * size);
                lengths = Arrays.copyOf(lengths, 2 * size);
            }
            arrays[size] = a;
            lengths[size] = a.length;
            size++;
            floats += a.length;
        }

        /** Removes and returns entry k: the last entry takes its place. */
        float[] remove(int k) {
            float[] a = arrays[k];
            floats -= lengths[k];
            size--;
            arrays[k] = arrays[size];
            lengths[k] = lengths[size];
            arrays[size] = null;
            return a;
        }
    }

    /** @param maxFloats the most float32 values the pool keeps */
    ColumnArrays(long maxFloats) {
        this(maxFloats, Long.MAX_VALUE);
    }

    /** A pool that {@link #enter} grows up to {@code ceiling} floats. */
    ColumnArrays(long maxFloats, long ceiling) {
        this.maxFloats = maxFloats;
        this.ceiling = ceiling;
    }

    /**
     * The pool of the SVC fits that run outside a search, one per JVM: a program that fits again (another
     * C, another split of its own) reuses the last fit's arrays instead of zeroing new ones, and young
     * collections stop copying live columns (a 10,000-row fit filled ~150 MB of them; ~10% of its time went
     * to zeroing and collecting them). Like {@link #forSearch()} it keeps at most what the fits running at
     * once held, and never more than a quarter of the maximum heap; the collector clears it (one soft
     * reference) before the program runs short of memory.
     */
    static ColumnArrays processWide() {
        return ProcessWide.POOL;
    }

    /** Lazily made on first use (the holder idiom). */
    private static final class ProcessWide {
        static final ColumnArrays POOL = new ColumnArrays(0, Runtime.getRuntime().maxMemory() / 4 / Float.BYTES);
    }

    /** A pool for {@code solves} solves at once, each with a kernel cache of {@code cacheSizeMb} megabytes. */
    static ColumnArrays forCaches(double cacheSizeMb, int solves) {
        return new ColumnArrays(floatsFor(cacheSizeMb, solves));
    }

    /**
     * An empty pool for the fits of one search ({@link SharedColumnArrays}): each fit {@link #enter}s with its
     * caches' budget and {@link #leave}s when it ends, and the pool keeps at most the largest sum of the
     * budgets of the fits that ran at once. So the next fit reuses what the finished ones filled, and the pool
     * never holds more than the running fits could hold themselves.
     */
    static ColumnArrays forSearch() {
        return new ColumnArrays(0);
    }

    /** A fit with caches of {@code floats} values in all starts using this pool (see {@link #forSearch()}). */
    synchronized void enter(long floats) {
        active += floats;
        if (!closed) {
            maxFloats = Math.min(ceiling, Math.max(maxFloats, active));
        }
    }

    /** The fit that {@link #enter}ed with {@code floats} has ended. */
    synchronized void leave(long floats) {
        active -= floats;
    }

    /** Drops the pooled arrays; the pool keeps nothing from now on. */
    synchronized void close() {
        closed = true;
        maxFloats = 0;
        pool = new SoftReference<>(null);
    }

    /** The budget in floats of caches of {@code cacheSizeMb} megabytes for {@code solves} solves at once. */
    static long floatsFor(double cacheSizeMb, int solves) {
        return (long) (cacheSizeMb * (1 << 20) / Float.BYTES) * Math.max(1, solves);
    }

    /** A pooled array with {@code length ≤ a.length ≤ 2·length}, removed from the pool; or null. */
    synchronized float[] take(int length) {
        Pool p = pool.get();
        if (p == null) {
            return null;
        }
        for (int k = p.size - 1, stop = Math.max(0, p.size - SEARCH); k >= stop; k--) {
            int n = p.lengths[k];
            if (n >= length && n <= 2L * length) {
                return p.remove(k);
            }
        }
        return null;
    }

    /** Keeps {@code a} for a later {@link #take} if the pool has room; the caller must not use it any more. */
    synchronized void give(float[] a) {
        if (a == null || a.length == 0) {
            return;
        }
        Pool p = pool.get();
        if (p == null) {
            p = new Pool();
            pool = new SoftReference<>(p);
        }
        if (p.floats + a.length > maxFloats) {
            return;
        }
        p.add(a);
    }

    /** The number of float32 values pooled now (0 once the collector has cleared the pool). */
    synchronized long pooledFloats() {
        Pool p = pool.get();
        return p == null ? 0 : p.floats;
    }
}
