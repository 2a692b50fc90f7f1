package org.paraml.data;

/**
 * Distinct vertices of the unit hypercube {0,1}<sup>d</sup>, drawn as scikit-learn's private
 * {@code _generate_hypercube(samples, dimensions, rng)} draws them for make_classification.
 *
 * <p>For {@code d ≤ 30}: {@code samples} distinct integers from [0, 2<sup>d</sup>) by
 * {@link SampleWithoutReplacement} ("auto"), each written as its {@code d} low bits, most
 * significant bit first. For {@code d > 30}: the first {@code d − 30} coordinates are
 * {@code randint(2, size=(samples, d − 30))} draws (row by row), the last 30 a recursive draw —
 * so only those last 30 coordinates are guaranteed distinct, as in scikit-learn.
 */
final class Hypercube {
    private Hypercube() {
    }

    /** A row-major {@code samples × dimensions} array of 0.0 / 1.0 coordinates. */
    static double[] vertices(int samples, int dimensions, RandomState rng) {
        double[] out = new double[Math.multiplyExact(samples, dimensions)];
        fill(out, samples, dimensions, 0, dimensions, rng);
        return out;
    }

    /** Fills columns [col0, col0 + d) of the {@code samples × stride} array {@code out}. */
    private static void fill(double[] out, int samples, int d, int col0, int stride, RandomState rng) {
        if (d > 30) {
            int extra = d - 30;
            long[] bits = rng.randint(0, 2, samples * extra);
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < extra; j++) {
                    out[i * stride + col0 + j] = bits[i * extra + j];
                }
            }
            fill(out, samples, 30, col0 + extra, stride, rng);
            return;
        }
        int[] v = SampleWithoutReplacement.sample(1 << d, samples, rng);
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < d; j++) {
                out[i * stride + col0 + j] = (v[i] >>> (d - 1 - j)) & 1;
            }
        }
    }
}
