package org.paraml.svm;

import org.paraml.linalg.Matrix;

/**
 * Kernel values computed in plain Java with libsvm's formulas, one value at a time. A stand-in
 * until the fit runs on {@code org.paraml.backend}; also a readable reference.
 *
 * <p>Training (libsvm's {@code Kernel}): linear {@code ⟨a,b⟩}; poly {@code (γ⟨a,b⟩ + coef0)^degree}
 * by repeated squaring; rbf {@code exp(−γ(‖a‖² + ‖b‖² − 2⟨a,b⟩))}; sigmoid {@code tanh(γ⟨a,b⟩ + coef0)}.
 * Blocks (libsvm's {@code k_function}, used for decision values) compute rbf from {@code Σ (a_k − b_k)²}.
 */
final class PlainKernelSource implements KernelSource {
    private final KernelParams kernel;
    private final Matrix x;

    PlainKernelSource(KernelParams kernel, Matrix x) {
        this.kernel = kernel;
        this.x = x;
    }

    @Override
    public ColumnProvider columns(int[] rows) {
        return new Columns(rows.clone());
    }

    @Override
    public void block(int[] a, int[] b, double[] out) {
        double[] d = x.data();
        int dim = x.cols();
        for (int r = 0; r < a.length; r++) {
            int oa = x.offset(a[r]);
            for (int s = 0; s < b.length; s++) {
                out[r * b.length + s] = value(kernel, d, oa, d, x.offset(b[s]), dim);
            }
        }
    }

    /** libsvm's {@code k_function} between {@code a[ao ..]} and {@code b[bo ..]} of length {@code dim}. */
    static double value(KernelParams k, double[] a, int ao, double[] b, int bo, int dim) {
        switch (k.type()) {
            case RBF: {
                double sum = 0;
                for (int i = 0; i < dim; i++) {
                    double t = a[ao + i] - b[bo + i];
                    sum += t * t;
                }
                return Math.exp(-k.gamma() * sum);
            }
            default:
                return fromDot(k, dot(a, ao, b, bo, dim), 0, 0);
        }
    }

    static double dot(double[] a, int ao, double[] b, int bo, int dim) {
        double sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += a[ao + i] * b[bo + i];
        }
        return sum;
    }

    /** The training-time kernel value from the inner product (and, for rbf, the two squared norms). */
    static double fromDot(KernelParams k, double dot, double sqA, double sqB) {
        switch (k.type()) {
            case LINEAR:
                return dot;
            case POLY:
                return powi(k.gamma() * dot + k.coef0(), k.degree());
            case RBF:
                return Math.exp(-k.gamma() * (sqA + sqB - 2 * dot));
            case SIGMOID:
                return Math.tanh(k.gamma() * dot + k.coef0());
            default:
                throw new IllegalStateException("no feature kernel for " + k.type());
        }
    }

    /** {@code base^times} by repeated squaring, as libsvm's {@code powi}. */
    static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }

    private final class Columns implements ColumnProvider {
        private final int[] order;
        private final double[] sq;

        Columns(int[] order) {
            this.order = order;
            this.sq = new double[order.length];
            double[] d = x.data();
            for (int a = 0; a < order.length; a++) {
                int o = x.offset(order[a]);
                sq[a] = dot(d, o, d, o, x.cols());
            }
        }

        @Override
        public int size() {
            return order.length;
        }

        @Override
        public double diagonal(int a) {
            return fromDot(kernel, sq[a], sq[a], sq[a]);
        }

        @Override
        public void swap(int a, int b) {
            int t = order[a];
            order[a] = order[b];
            order[b] = t;
            double s = sq[a];
            sq[a] = sq[b];
            sq[b] = s;
        }

        @Override
        public void columns(int[] positions, int count, int len, float[][] out) {
            double[] d = x.data();
            int dim = x.cols();
            for (int r = 0; r < count; r++) {
                int a = positions[r];
                int oa = x.offset(order[a]);
                float[] col = out[r];
                for (int j = 0; j < len; j++) {
                    double dot = dot(d, oa, d, x.offset(order[j]), dim);
                    col[j] = (float) fromDot(kernel, dot, sq[a], sq[j]);
                }
            }
        }
    }
}
