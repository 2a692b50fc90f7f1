package org.paraml.backend.simd;

import org.paraml.backend.KernelSpec;

/**
 * The scalar twin of {@link SimdKernels}' panel path (up to {@value SimdKernels#PANEL_MAX_FEATURES} features): the
 * same inner products, kernel functions and float rounding, one value at a time, with the same bits. Each value
 * repeats its vector lane's operations in their order: the inner product's fused multiply-adds feature by feature
 * from 0, the rbf exponent and {@link SimdExp}'s series, the poly products as libsvm's {@code powi}, the sigmoid's
 * tanh from {@code expm1}.
 *
 * <p>Why: until C2 has compiled them, the Vector API loops run their Java fallbacks, every vector a heap object,
 * hundreds of times slower; a fresh JVM's first SVC fit of the tutorial's data spent over a second there (its kernel
 * columns), more than the scalar backend's whole fit. {@link SimdKernels} runs this twin while a {@link
 * org.paraml.backend.LoopWarmup} says the vector loops are not compiled yet (bench/RESULTS.md, session 32).
 */
final class KernelRowsTwin {
    private KernelRowsTwin() {
    }

    /** {@link SimdKernels}' {@code panelDots} for columns {@code [c0, c1)} only (no values past c1). */
    static void panelDots(SimdPreparedMatrix a, int[] rows, int r0, int r1, SimdPreparedMatrix b, double[] panel,
                          int c0, int c1, double[] scratch) {
        int d = b.cols();
        int stride = b.paddedRows();
        double[] ad = a.matrix().data();
        for (int r = r0; r < r1; r++) {
            int o = a.matrix().offset(rows == null ? r : rows[r]);
            int s0 = (r - r0) * SimdKernels.COLUMN_CHUNK - c0;
            for (int j = c0; j < c1; j++) {
                double acc = 0.0;
                for (int f = 0, p = j; f < d; f++, p += stride) {
                    acc = Math.fma(panel[p], ad[o + f], acc);
                }
                scratch[s0 + j] = acc;
            }
        }
    }

    /** {@link SimdKernels}' {@code apply} for the {@code count} values from {@code s[off]} (no padding lanes). */
    static void apply(KernelSpec kernel, double[] s, int off, int count, double[] normsPadded, int j0, double ni) {
        switch (kernel.type()) {
            case LINEAR -> {
            }
            case POLY -> {
                for (int j = 0; j < count; j++) {
                    s[off + j] = poly(s[off + j], kernel.gamma(), kernel.coef0(), kernel.degree());
                }
            }
            case RBF -> {
                for (int j = 0; j < count; j++) {
                    s[off + j] = rbf(s[off + j], normsPadded[j0 + j], ni, -kernel.gamma());
                }
            }
            case SIGMOID -> {
                for (int j = 0; j < count; j++) {
                    s[off + j] = sigmoid(s[off + j], kernel.gamma(), kernel.coef0());
                }
            }
        }
    }

    /** {@code out[o + j] = (float) s[off + j]} for j &lt; count. */
    static void toFloat(double[] s, int off, float[] out, int o, int count) {
        for (int j = 0; j < count; j++) {
            out[o + j] = (float) s[off + j];
        }
    }

    /** {@code (γ·v + coef0)^degree} as {@code applyPoly}'s loops multiply it out. */
    static double poly(double v, double gamma, double coef0, int degree) {
        double b = Math.fma(v, gamma, coef0);
        return switch (degree) {
            case 1 -> b;
            case 2 -> b * b;
            case 3 -> b * (b * b);
            case 4 -> {
                double b2 = b * b;
                yield b2 * b2;
            }
            default -> KernelSpec.powi(b, degree);
        };
    }

    /**
     * {@code exp(−γ·max(0, nj + ni − 2·dot))} as {@code applyRbf} computes it: one factor 2ⁿ from −708 on, and
     * {@link SimdExp#exp} below (what {@code belowOneFactor} redoes).
     */
    static double rbf(double dot, double nj, double ni, double minusGamma) {
        double d2 = (nj + ni) - (dot + dot);
        double sq = d2 < 0.0 ? 0.0 : d2;
        double a = sq * minusGamma;
        if (a < SimdExp.EXP_ONE_FACTOR_LOWEST) {
            return SimdExp.exp(a);
        }
        double k = Math.fma(a, SimdExp.LOG2_E, SimdExp.ROUNDER);
        double n = k - SimdExp.ROUNDER;
        double r = Math.fma(n, -SimdExp.LN2_LO, Math.fma(n, -SimdExp.LN2_HI, a));
        double p = Math.fma(series(r), r, 1.0);
        p = Math.fma(p, r, 1.0);
        return p * powerOfTwo(k);
    }

    /** {@code tanh(γ·v + coef0)} as {@code applySigmoid} computes it, lane operation for lane operation. */
    static double sigmoid(double v, double gamma, double coef0) {
        double x = Math.fma(v, gamma, coef0);
        double ax = Math.abs(x);
        boolean belowOne = ax < 1.0;
        double twoAx = ax + ax;
        double a = belowOne ? -twoAx : twoAx;
        a = a < SimdExp.EXPM1_LOWEST ? SimdExp.EXPM1_LOWEST : a;
        double k = Math.fma(a, SimdExp.LOG2_E, SimdExp.ROUNDER);
        double n = k - SimdExp.ROUNDER;
        double r = Math.fma(n, -SimdExp.LN2_LO, Math.fma(n, -SimdExp.LN2_HI, a));
        double e = Math.fma(series(r) * r, r, r);
        double sn = powerOfTwo(k);
        double t = Math.fma(sn, e, sn - 1.0);
        double q = (belowOne ? -t : 2.0) / (t + 2.0);
        double z = belowOne ? q : 1.0 - q;
        z = ax >= 22.0 ? 1.0 : z;
        z = x < 0.0 ? -z : z;
        return ax < 0x1p-55 ? x : z;
    }

    /** 1/2 + r/3! + … + r¹¹/13! in Horner's form from the highest term, as the vector loops chain it. */
    private static double series(double r) {
        double p = Math.fma(r, SimdExp.C13, SimdExp.C12);
        p = Math.fma(p, r, SimdExp.C11);
        p = Math.fma(p, r, SimdExp.C10);
        p = Math.fma(p, r, SimdExp.C9);
        p = Math.fma(p, r, SimdExp.C8);
        p = Math.fma(p, r, SimdExp.C7);
        p = Math.fma(p, r, SimdExp.C6);
        p = Math.fma(p, r, SimdExp.C5);
        p = Math.fma(p, r, SimdExp.C4);
        p = Math.fma(p, r, SimdExp.C3);
        return Math.fma(p, r, SimdExp.C2);
    }

    /** 2ⁿ for the n held in the low bits of {@code k = x·log₂e + 1.5·2⁵²}, built in the exponent bits. */
    private static double powerOfTwo(double k) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(k) - SimdExp.ROUNDER_BITS + 1023) << 52);
    }
}
