package org.paraml.svm;

import org.paraml.linalg.Matrix;

/** Where feature kernels are evaluated: the one place that picks the implementation. */
final class Kernels {
    private Kernels() {
    }

    /** The kernel of a fit over training input {@code x}. */
    static KernelSource source(KernelParams kernel, Matrix x) {
        return new PlainKernelSource(kernel, x);
    }

    /** The kernel of a fitted model against its support vectors. */
    static ModelKernel modelKernel(KernelParams kernel, Matrix supportVectors) {
        return (x, from, to, out) -> {
            double[] d = x.data();
            double[] s = supportVectors.data();
            int n = supportVectors.rows();
            int dim = x.cols();
            for (int r = from; r < to; r++) {
                int o = x.offset(r);
                int base = (r - from) * n;
                for (int t = 0; t < n; t++) {
                    out[base + t] = PlainKernelSource.value(kernel, d, o, s, supportVectors.offset(t), dim);
                }
            }
        };
    }
}
