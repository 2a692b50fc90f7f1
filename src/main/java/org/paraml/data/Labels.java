package org.paraml.data;

import java.util.Arrays;

/** Helpers for integer class-label vectors. */
public final class Labels {
    private Labels() {
    }

    /** The distinct labels of {@code y}, sorted ascending (scikit-learn's {@code np.unique}). */
    public static int[] classes(int[] y) {
        return Arrays.stream(y).distinct().sorted().toArray();
    }

    /** For each row, the index of its label in {@code classes} (which must be sorted and hold every label). */
    public static int[] encode(int[] y, int[] classes) {
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            int k = Arrays.binarySearch(classes, y[i]);
            if (k < 0) {
                throw new IllegalArgumentException("y contains label " + y[i] + " which is not among the classes "
                        + Arrays.toString(classes));
            }
            out[i] = k;
        }
        return out;
    }

    /** How many rows carry each of {@code classes} (sorted). */
    public static int[] counts(int[] y, int[] classes) {
        int[] counts = new int[classes.length];
        for (int k : encode(y, classes)) {
            counts[k]++;
        }
        return counts;
    }
}
