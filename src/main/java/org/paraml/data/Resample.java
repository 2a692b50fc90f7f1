package org.paraml.data;

import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * scikit-learn's {@code sklearn.utils.shuffle(X, y, random_state=rng)}: one permutation of the
 * rows applied to X and y together. The permutation is {@code arange(n)} shuffled in place by
 * {@link RandomState#shuffle(int[])} (what {@code resample(replace=False)} does), so the same
 * stream gives the same order as scikit-learn.
 */
public final class Resample {
    private Resample() {
    }

    /**
     * A new dataset whose row {@code i} is row {@code perm[i]} of the input, where {@code perm} is
     * {@code 0 … n−1} shuffled by {@code rng}. The inputs are not modified; the result is compact.
     */
    public static Dataset shuffle(Matrix x, int[] y, RandomState rng) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(rng, "rng");
        Validation.checkConsistentLength(x, y);
        int[] perm = rng.permutation(x.rows());
        int[] ys = new int[y.length];
        for (int i = 0; i < perm.length; i++) {
            ys[i] = y[perm[i]];
        }
        return new Dataset(x.selectRows(perm).copy(), ys);
    }
}
