package org.paraml.svm;

import org.paraml.backend.Backend;
import org.paraml.linalg.Matrix;

/**
 * Kernel values between new points and a model's support vectors, for predictions:
 * {@code out[(r − from)·nSV + s] = K(x_r, sv_s)} for rows {@code from ≤ r < to} of {@code x}.
 * Implementations are immutable and thread-safe.
 */
interface ModelKernel {
    void block(Matrix x, int from, int to, double[] out);

    /** Feature kernels: values from the support vectors' features. */
    static ModelKernel features(KernelParams kernel, Matrix supportVectors, Backend backend, int threads) {
        return Kernels.modelKernel(kernel, supportVectors, backend, threads);
    }

    /** Precomputed kernels: {@code x} holds {@code K(x_r, x_train)} by training row; read the support rows' columns. */
    static ModelKernel precomputed(int[] support) {
        int[] sup = support.clone();
        return (x, from, to, out) -> {
            double[] d = x.data();
            int n = sup.length;
            for (int r = from; r < to; r++) {
                int o = x.offset(r);
                int base = (r - from) * n;
                for (int s = 0; s < n; s++) {
                    out[base + s] = d[o + sup[s]];
                }
            }
        };
    }
}
