package org.paraml.svm;

import org.paraml.linalg.Matrix;

/**
 * numpy's float64 sums, so that {@code gamma='scale'} gets scikit-learn's value to the last bit:
 * numpy adds a contiguous run by pairwise summation (runs of up to 128 values in eight interleaved
 * partial sums, longer runs split in halves at a multiple of 8). A reduction over the whole array
 * ({@code X.sum()}, {@code X.var()}) reaches that loop through the iterator's buffer, so a run is at
 * most {@link #BUFFER} values: longer arrays are summed {@link #BUFFER} values at a time, each
 * run's pairwise sum added in turn to the total.
 */
final class NumpySum {
    private static final int BLOCK = 128;
    /** numpy's default buffer size ({@code np.getbufsize()}), in elements: the longest run a reduction adds at once. */
    static final int BUFFER = 8192;

    private NumpySum() {
    }

    /** numpy's {@code np.add.reduce} over {@code a[from .. from+n)}. */
    static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }

    /** numpy's {@code np.add.reduce(a, axis=None)} over all of {@code a[0 .. n)}: buffer-sized runs, in order. */
    static double sum(double[] a, int n) {
        double res = pairwise(a, 0, Math.min(n, BUFFER));
        for (int from = BUFFER; from < n; from += BUFFER) {
            res += pairwise(a, from, Math.min(BUFFER, n - from));
        }
        return res;
    }

    /** numpy's {@code X.var()} over all entries of {@code x} (row-major order, ddof = 0). */
    static double variance(Matrix x) {
        Matrix c = x.compact();
        double[] d = c.data();
        int n = d.length;
        double mean = sum(d, n) / n;
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double t = d[i] - mean;
            sq[i] = t * t;
        }
        return sum(sq, n) / n;
    }
}
