package org.paraml.svm;

import java.lang.ref.SoftReference;
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
 * {@code maxFloats} values, through soft references: what would have been garbage stays reusable
 * but never keeps the heap from the rest of the program (the collector clears pooled arrays before
 * it runs out of memory). A cache only reads the prefix it has filled, so what a reused array held
 * before does not matter. Thread-safe: the trainings of one fit may run side by side.
 */
final class ColumnArrays {
    /** How many of the most recently given arrays {@link #take} looks at. */
    static final int SEARCH = 8;

    private final long maxFloats;
    /** Pooled arrays, the most recently given last. */
    private final ArrayList<Pooled> arrays = new ArrayList<>();
    private long pooledFloats;

    /** A pooled array and its length (kept to account for it once the collector has cleared it). */
    private record Pooled(SoftReference<float[]> array, int length) {
    }

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
        for (int k = arrays.size() - 1, looked = 0; k >= 0 && looked < SEARCH; k--) {
            Pooled p = arrays.get(k);
            float[] a = p.array().get();
            if (a == null) {
                remove(k); // cleared by the collector: not counted as a look
                continue;
            }
            looked++;
            if (a.length >= length && a.length <= 2L * length) {
                remove(k);
                return a;
            }
        }
        return null;
    }

    private void remove(int k) {
        int last = arrays.size() - 1;
        pooledFloats -= arrays.get(k).length();
        arrays.set(k, arrays.get(last));
        arrays.remove(last);
    }

    /** Keeps {@code a} for a later {@link #take} if the pool has room; the caller must not use it any more. */
    synchronized void give(float[] a) {
        if (a == null || a.length == 0 || pooledFloats + a.length > maxFloats) {
            return;
        }
        arrays.add(new Pooled(new SoftReference<>(a), a.length));
        pooledFloats += a.length;
    }

    /** The number of float32 values pooled now (arrays the collector has cleared count until the next {@link #take}). */
    synchronized long pooledFloats() {
        return pooledFloats;
    }
}
