package org.paraml.svm;

import java.util.ArrayList;

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
 * {@code maxFloats} values; beyond that arrays are left to the collector. A cache only reads the
 * prefix it has filled, so what a reused array held before does not matter. Thread-safe: the
 * trainings of one fit may run side by side.
 */
final class ColumnArrays {
    /** How many of the most recently given arrays {@link #take} looks at. */
    static final int SEARCH = 8;

    private final long maxFloats;
    private final ArrayList<float[]> arrays = new ArrayList<>();
    private long pooledFloats;

    /** @param maxFloats the most float32 values the pool keeps */
    ColumnArrays(long maxFloats) {
        this.maxFloats = maxFloats;
    }

    /** A pool for {@code solves} solves at once, each with a kernel cache of {@code cacheSizeMb} megabytes. */
    static ColumnArrays forCaches(double cacheSizeMb, int solves) {
        return new ColumnArrays((long) (cacheSizeMb * (1 << 20) / Float.BYTES) * Math.max(1, solves));
    }

    /** A pooled array with {@code length ≤ a.length ≤ 2·length}, removed from the pool; or null. */
    synchronized float[] take(int length) {
        int size = arrays.size();
        for (int k = size - 1; k >= Math.max(0, size - SEARCH); k--) {
            float[] a = arrays.get(k);
            if (a.length >= length && a.length <= 2L * length) {
                arrays.set(k, arrays.get(size - 1));
                arrays.remove(size - 1);
                pooledFloats -= a.length;
                return a;
            }
        }
        return null;
    }

    /** Keeps {@code a} for a later {@link #take} if the pool has room; the caller must not use it any more. */
    synchronized void give(float[] a) {
        if (a == null || a.length == 0 || pooledFloats + a.length > maxFloats) {
            return;
        }
        arrays.add(a);
        pooledFloats += a.length;
    }

    /** The number of float32 values pooled now. */
    synchronized long pooledFloats() {
        return pooledFloats;
    }
}
