package org.paraml.svm;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.function.ToIntFunction;

/**
 * Scratch buffers of a few megabytes that fits and searches fill and drop over and over (a probability fit's
 * decision-value blocks, a kernel matrix's row batches), kept for the next caller in this JVM. Each such array
 * is a humongous object to G1 (larger than half a region): its allocation is zeroed in memory the collector may
 * first have to commit, and, once the heap is past G1's occupancy threshold (as it is while a search's kernel
 * matrices are held), every such allocation starts a concurrent marking cycle with a young pause. A tutorial
 * search made eight of them, two of every three collector pauses in a run of searches.
 *
 * <p>{@link #take} gives an array at least as long as asked for (its old values inside: callers overwrite the
 * prefix they use), {@link #give} takes one back. At most {@link #MAX_ARRAYS} arrays of each kind are kept, none
 * longer than {@link #MAX_BYTES},
 * all through one soft reference, so the collector clears the pool before the program runs short of memory.
 * Thread-safe.
 */
final class ScratchArrays<T> {
    /** The most arrays of one kind kept: enough for the threads of one machine's fits at once. */
    static final int MAX_ARRAYS = 8;
    /** Longer arrays are not kept: their allocation is small beside the work that fills them. */
    static final long MAX_BYTES = 16L << 20;

    private static final ScratchArrays<float[]> FLOATS = new ScratchArrays<>(a -> a.length);
    private static final ScratchArrays<double[]> DOUBLES = new ScratchArrays<>(a -> a.length);

    private final ToIntFunction<T> length;
    private SoftReference<ArrayList<T>> idle = new SoftReference<>(null);

    private ScratchArrays(ToIntFunction<T> length) {
        this.length = length;
    }

    /** A float array of at least {@code length} values: a pooled one (old values inside) or a new one. */
    static float[] takeFloats(int length) {
        if (length == 0) {
            return new float[0];
        }
        float[] a = FLOATS.take(length);
        return a != null ? a : new float[length];
    }

    /** A double array of at least {@code length} values: a pooled one (old values inside) or a new one. */
    static double[] takeDoubles(int length) {
        if (length == 0) {
            return new double[0];
        }
        double[] a = DOUBLES.take(length);
        return a != null ? a : new double[length];
    }

    /** Hands {@code a} back for a later {@link #takeFloats}; the caller must not use it any more. */
    static void give(float[] a) {
        if (a != null && (long) a.length * Float.BYTES <= MAX_BYTES) {
            FLOATS.keep(a);
        }
    }

    /** Hands {@code a} back for a later {@link #takeDoubles}; the caller must not use it any more. */
    static void give(double[] a) {
        if (a != null && (long) a.length * Double.BYTES <= MAX_BYTES) {
            DOUBLES.keep(a);
        }
    }

    /** How many arrays of each kind are kept now: {@code {floats, doubles}} (0 once the collector cleared them). */
    static int[] sizes() {
        return new int[]{FLOATS.size(), DOUBLES.size()};
    }

    /** The shortest kept array that holds {@code n} values, removed from the pool; or null. */
    private synchronized T take(int n) {
        ArrayList<T> arrays = idle.get();
        if (arrays == null) {
            return null;
        }
        int best = -1;
        for (int k = 0; k < arrays.size(); k++) {
            int m = length.applyAsInt(arrays.get(k));
            if (m >= n && (best < 0 || m < length.applyAsInt(arrays.get(best)))) {
                best = k;
            }
        }
        return best < 0 ? null : arrays.remove(best);
    }

    /** Keeps {@code array}; when the pool is full, the shortest kept array makes room for a longer one. */
    private synchronized void keep(T array) {
        int n = length.applyAsInt(array);
        if (n == 0) {
            return;
        }
        ArrayList<T> arrays = idle.get();
        if (arrays == null) {
            arrays = new ArrayList<>();
            idle = new SoftReference<>(arrays);
        }
        if (arrays.size() < MAX_ARRAYS) {
            arrays.add(array);
            return;
        }
        int shortest = 0;
        for (int k = 1; k < arrays.size(); k++) {
            if (length.applyAsInt(arrays.get(k)) < length.applyAsInt(arrays.get(shortest))) {
                shortest = k;
            }
        }
        if (length.applyAsInt(arrays.get(shortest)) < n) {
            arrays.set(shortest, array);
        }
    }

    private synchronized int size() {
        ArrayList<T> arrays = idle.get();
        return arrays == null ? 0 : arrays.size();
    }
}
