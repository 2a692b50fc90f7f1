package org.paraml.selection;

/**
 * numpy's float64 {@code add.reduce} over a contiguous run, so that means and standard deviations
 * in {@code cv_results} are scikit-learn's to the last bit: fewer than 8 values are added in order;
 * up to 128 in eight interleaved partial sums combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)) and
 * then the remainder; longer runs are split in two at a multiple of 8 and summed recursively.
 */
final class PairwiseSum {
    private static final int BLOCK = 128;

    private PairwiseSum() {
    }

    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    /** The sum of {@code a[from .. from + n)} as numpy adds it. */
    static double sum(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0.;
            for (int i = 0; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        if (n <= BLOCK) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                s += a[from + i];
            }
            return s;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, from, n2) + sum(a, from + n2, n - n2);
    }

    /** {@code np.mean(a)} (NaN for an empty array, as numpy). */
    static double mean(double[] a) {
        return sum(a) / a.length;
    }

    /** {@code np.sqrt(np.average((a - mean)**2))}: the population standard deviation (ddof = 0). */
    static double std(double[] a, double mean) {
        double[] sq = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - mean;
            sq[i] = d * d;
        }
        return Math.sqrt(sum(sq) / a.length);
    }
}
