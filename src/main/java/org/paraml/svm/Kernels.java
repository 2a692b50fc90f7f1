package org.paraml.svm;

import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.KernelType;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/** Where feature kernels are evaluated: the one place that maps an SVC kernel onto a {@link Backend}. */
final class Kernels {
    private Kernels() {
    }

    /** The backend's description of a feature kernel (not for 'precomputed'). */
    static KernelSpec spec(KernelParams k) {
        KernelType type = switch (k.type()) {
            case LINEAR -> KernelType.LINEAR;
            case POLY -> KernelType.POLY;
            case RBF -> KernelType.RBF;
            case SIGMOID -> KernelType.SIGMOID;
            case PRECOMPUTED -> throw new IllegalArgumentException("a precomputed kernel has no KernelSpec");
        };
        return new KernelSpec(type, k.gamma(), k.coef0(), k.degree());
    }

    /** The kernel of a fit over training input {@code x}. */
    static KernelSource source(KernelParams kernel, Matrix x, Backend backend, int threads) {
        if (kernel.type() == SVC.Kernel.PRECOMPUTED) {
            return new PrecomputedKernelSource(x);
        }
        return new BackendKernelSource(backend, spec(kernel), x, threads);
    }

    /**
     * The kernel of a fitted model against its support vectors, in blocks of prediction rows:
     * {@code kernelBlock(K, prepare(x[from:to]), prepare(SV))}. The support vectors are prepared
     * once, here.
     */
    static ModelKernel modelKernel(KernelParams kernel, Matrix supportVectors, Backend backend, int threads) {
        KernelSpec spec = spec(kernel);
        PreparedMatrix sv = backend.prepare(supportVectors);
        return (x, from, to, out) -> {
            if (to > from && sv.rows() > 0) {
                backend.kernelBlock(spec, backend.prepare(x.rowRange(from, to)), sv, out, 0, threads);
            }
        };
    }
}
