package org.paraml.data;

/**
 * The small matrix products of make_classification ({@code np.dot(X_k, A)}, {@code np.dot(X, B)}),
 * summed in the order in which numpy on OpenBLAS sums them on x86-64, so that the results match
 * scikit-learn's bit for bit wherever the order is known.
 *
 * <p>numpy picks the BLAS routine from the shapes ({@code cblas_matrixproduct}): for an
 * {@code m × k} times {@code k × n} product with {@code m > 1} and {@code k > 1},
 * <ul>
 *   <li>{@code n > 1}: {@code dgemm}. Each output is a fused multiply-add chain over the inner
 *       index from the first product: {@code c = fma(x[k−1], a[k−1], … fma(x[1], a[1], x[0]·a[0]))}.
 *       This is exact for the shapes make_classification uses in practice (checked against numpy
 *       for inner sizes up to 16); OpenBLAS's AVX-512 kernels use other orders for some larger or
 *       narrower shapes, which then differ in the last bits.</li>
 *   <li>{@code n = 1}: {@code dgemv} on the transposed problem ({@code dgemv_t}). The first
 *       {@code k − k mod 4} terms are summed per row in four lanes ({@code t mod 4}, fma chains),
 *       reduced as {@code (l0 + l2) + (l1 + l3)} for rows in whole groups of four; the last one to
 *       three rows of the product use SSE kernels without fusion (two lanes, or four lanes reduced
 *       {@code (l0 + l2) + (l1 + l3)}). The remaining {@code k mod 4} terms are added at the end:
 *       one term as {@code fma(x, a, y)}, two as {@code y + fma(x0, a0, x1·a1)}, three as
 *       {@code y + fma(x2, a2, fma(x0, a0, x1·a1))}.</li>
 * </ul>
 * With {@code k = 1} every output is one rounded product. A one-row product ({@code m = 1}) goes
 * through other {@code dgemv}/{@code ddot} kernels; it is computed here with the fma chain, exact
 * for {@code k ≤ 3} and otherwise within an ulp or so.
 */
final class BlasOrder {
    private BlasOrder() {
    }

    /**
     * The row-major {@code rows × n} product of the {@code rows × k} block of {@code x} that starts
     * at {@code x[offset]} (rows {@code stride} apart) and the row-major {@code k × n} matrix {@code a}.
     * Nothing is modified; a new array is returned.
     */
    static double[] multiply(double[] x, int offset, int stride, int rows, int k, double[] a, int n) {
        double[] out = new double[rows * n];
        boolean gemv = n == 1 && rows > 1 && k > 1;
        for (int i = 0; i < rows; i++) {
            int xo = offset + i * stride;
            for (int j = 0; j < n; j++) {
                out[i * n + j] = gemv ? gemvT(x, xo, a, k, i, rows) : fmaChain(x, xo, a, k, n, j);
            }
        }
        return out;
    }

    private static double fmaChain(double[] x, int xo, double[] a, int k, int n, int j) {
        double acc = x[xo] * a[j];
        for (int t = 1; t < k; t++) {
            acc = Math.fma(x[xo + t], a[t * n + j], acc);
        }
        return acc;
    }

    /** Row {@code row} of an {@code rows × k} by {@code k × 1} product, summed as OpenBLAS's {@code dgemv_t}. */
    private static double gemvT(double[] x, int xo, double[] a, int k, int row, int rows) {
        int tail = k & 3;
        int main = k - tail;
        double y = 0.0;
        if (main > 0) {
            int wholeGroups = (rows >> 2) << 2;
            if (row < wholeGroups) {
                double l0 = 0.0;
                double l1 = 0.0;
                double l2 = 0.0;
                double l3 = 0.0;
                for (int t = 0; t < main; t += 4) {
                    l0 = Math.fma(x[xo + t], a[t], l0);
                    l1 = Math.fma(x[xo + t + 1], a[t + 1], l1);
                    l2 = Math.fma(x[xo + t + 2], a[t + 2], l2);
                    l3 = Math.fma(x[xo + t + 3], a[t + 3], l3);
                }
                y = (l0 + l2) + (l1 + l3);
            } else if ((rows & 2) != 0 && row < wholeGroups + 2) {
                double l0 = 0.0;
                double l1 = 0.0;
                for (int t = 0; t < main; t += 2) {
                    l0 += x[xo + t] * a[t];
                    l1 += x[xo + t + 1] * a[t + 1];
                }
                y = l0 + l1;
            } else {
                double l0 = 0.0;
                double l1 = 0.0;
                double l2 = 0.0;
                double l3 = 0.0;
                for (int t = 0; t < main; t += 4) {
                    l0 += x[xo + t] * a[t];
                    l1 += x[xo + t + 1] * a[t + 1];
                    l2 += x[xo + t + 2] * a[t + 2];
                    l3 += x[xo + t + 3] * a[t + 3];
                }
                y = (l0 + l2) + (l1 + l3);
            }
        }
        int t = main;
        if (tail == 1) {
            y = Math.fma(x[xo + t], a[t], y);
        } else if (tail == 2) {
            y = y + Math.fma(x[xo + t], a[t], x[xo + t + 1] * a[t + 1]);
        } else if (tail == 3) {
            y = y + Math.fma(x[xo + t + 2], a[t + 2], Math.fma(x[xo + t], a[t], x[xo + t + 1] * a[t + 1]));
        }
        return y;
    }
}
