package org.paraml.backend.simd;

import java.util.Arrays;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * rbf and sigmoid kernel rows whose exact values are known, for {@link SimdExpDeterminismTest}: one feature,
 * points {@code i/16} for {@code i < }{@value #POINTS}, so that the squared distances are exact and an rbf value is
 * {@code SimdExp.exp(d²·(−γ))} to the bit. The γ reach arguments down to −770: subnormal results and +0.0 too.
 * {@link #main} prints {@link #results()}: run with {@code -Xint}, every Vector API operation is
 * interpreted.
 */
final class SimdExpProbe {
    static final int POINTS = 300;
    static final int[] ROWS = {0, 1, 37, 150, 299};
    static final double[] RBF_GAMMAS = {0.0, 0.01, 0.5, 1.0, 2.0, 2.05, 2.1, 2.2};
    static final double[][] SIGMOID_PARAMS = {{0.01, 0.0}, {0.3, -1.0}, {1.0, 0.0}, {0.004, 0.5}};

    private SimdExpProbe() {
    }

    public static void main(String[] args) {
        System.out.println(results());
    }

    /** "rbf values off SimdExp.exp: M of T; sigmoid bits: H", H a hash of every sigmoid value's bits. */
    static String results() {
        SimdBackend simd = new SimdBackend();
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = i / 16.0;
        }
        PreparedMatrix p = simd.prepare(Matrix.wrap(x, POINTS, 1));
        double[] out = new double[ROWS.length * POINTS];
        int off = 0;
        int total = 0;
        for (double gamma : RBF_GAMMAS) {
            simd.kernelRows(KernelSpec.rbf(gamma), p, ROWS, POINTS, out, 0, POINTS, 1);
            for (int r = 0; r < ROWS.length; r++) {
                for (int j = 0; j < POINTS; j++) {
                    double d = x[ROWS[r]] - x[j];
                    double expected = SimdExp.exp(d * d * -gamma);
                    total++;
                    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(out[r * POINTS + j])) {
                        off++;
                    }
                }
            }
        }
        long[] bits = new long[SIGMOID_PARAMS.length * out.length];
        for (int g = 0; g < SIGMOID_PARAMS.length; g++) {
            simd.kernelRows(KernelSpec.sigmoid(SIGMOID_PARAMS[g][0], SIGMOID_PARAMS[g][1]), p, ROWS, POINTS, out, 0,
                    POINTS, 1);
            for (int v = 0; v < out.length; v++) {
                bits[g * out.length + v] = Double.doubleToRawLongBits(out[v]);
            }
        }
        return "rbf values off SimdExp.exp: " + off + " of " + total + "; sigmoid bits: " + Arrays.hashCode(bits);
    }
}
