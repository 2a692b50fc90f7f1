package org.paraml.backend.simd;

/**
 * The SIMD kernels' own {@code exp} and {@code expm1}: the constants, and the arithmetic one value at a time.
 * The rbf and sigmoid loops of {@link SimdKernels} do the same operations lane by lane, written out in the loop
 * (a helper taking a vector that C2 leaves out of line would box it on every iteration).
 *
 * <p>Why not the Vector API's {@code EXP} and {@code EXPM1}: before C2 compiles them they run {@code Math.exp}
 * lane by lane, after it a SVML routine, and the two round differently, so the same kernel row could differ in
 * its last bits between a cold and a warm call, and a search's scores between {@code n_jobs = 1} and 2. These
 * are plain IEEE operations (fused multiply-adds, additions, integer adds and shifts of the exponent bits), which
 * round alike interpreted, compiled by C1 or C2, and in this scalar form.
 *
 * <p>The method (Cody and Waite's reduction): {@code n = round(x / ln 2)} (adding 1.5·2⁵² rounds to the nearest
 * integer, ties to even, and leaves n in the low bits), {@code r = x − n·ln 2} with ln 2 in two parts (each step a
 * fused multiply-add), |r| ≤ ln 2 / 2; then {@code exp(r)} by Taylor's series to degree 13 in Horner's form (the
 * omitted terms are below 6·10⁻¹⁸ of the result), and {@code exp(x) = 2ⁿ·exp(r)} with 2ⁿ built in the exponent
 * bits. Within one unit in the last place of {@code StrictMath.exp}.
 */
final class SimdExp {
    static final double LOG2_E = 0x1.71547652b82fep0;
    /** ln 2 = LN2_HI + LN2_LO to about 2⁻¹⁰⁸. */
    static final double LN2_HI = 0x1.62e42fefa39efp-1;
    static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** 1.5·2⁵²: x + ROUNDER rounds x to an integer (|x| &lt; 2⁵¹), which the low bits of the sum then hold. */
    static final double ROUNDER = 0x1.8p52;
    static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** Below this exp rounds to +0.0 (exp(−745.14) &lt; 2⁻¹⁰⁷⁵); arguments are raised to it so n stays in range. */
    static final double EXP_LOWEST = -746.0;
    /**
     * From here on 2ⁿ and e^x are normal doubles, so one factor 2ⁿ gives the same bits as the two that {@link #exp}
     * applies (both products before the last are exact): the rbf loop uses one.
     */
    static final double EXP_ONE_FACTOR_LOWEST = -708.0;
    /** Below this expm1 rounds to −1 (exp(−50) &lt; 2⁻⁵⁴); arguments are raised to it. */
    static final double EXPM1_LOWEST = -50.0;

    static final double C2 = 1.0 / 2;
    static final double C3 = 1.0 / 6;
    static final double C4 = 1.0 / 24;
    static final double C5 = 1.0 / 120;
    static final double C6 = 1.0 / 720;
    static final double C7 = 1.0 / 5040;
    static final double C8 = 1.0 / 40320;
    static final double C9 = 1.0 / 362880;
    static final double C10 = 1.0 / 3628800;
    static final double C11 = 1.0 / 39916800;
    static final double C12 = 1.0 / 479001600;
    static final double C13 = 1.0 / 6227020800.0;

    private SimdExp() {
    }

    /**
     * e^x for x ≤ 709.78 (and −∞, NaN; larger arguments are not supported, the rbf loop's are ≤ 0): +0.0 below
     * about −745.13, subnormal results rounded once (2ⁿ applied as two normal factors). The rbf loop's
     * arithmetic, bit for bit.
     */
    static double exp(double x) {
        double a = x < EXP_LOWEST ? EXP_LOWEST : x;
        double k = Math.fma(a, LOG2_E, ROUNDER);
        double n = k - ROUNDER;
        double r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, a));
        double p = polynomialFromC2(r);
        p = Math.fma(p, r, 1.0);
        p = Math.fma(p, r, 1.0);
        long nl = Double.doubleToRawLongBits(k) - ROUNDER_BITS;
        long n1 = nl >> 1;
        long n2 = nl - n1;
        return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
    }

    /**
     * e^x − 1 for x ≤ 700 (2ⁿ must be a normal double; the sigmoid loop asks for −2 to 44), and NaN; −1 below about −37.08
     * (where 2ⁿ − 1 rounds to −1: 1 ulp from StrictMath's down to −37.43, far outside the sigmoid's range).
     * {@code expm1(r)} is {@code r + r·(r·q(r))} with q the series from 1/2 on, so small arguments keep their
     * relative accuracy; then {@code 2ⁿ·expm1(r) + (2ⁿ − 1)} in one fused multiply-add ({@code 2ⁿ − 1} is
     * exact for |n| ≤ 53). −0.0 gives +0.0. The sigmoid loop's arithmetic, bit for bit.
     */
    static double expm1(double x) {
        double a = x < EXPM1_LOWEST ? EXPM1_LOWEST : x;
        double k = Math.fma(a, LOG2_E, ROUNDER);
        double n = k - ROUNDER;
        double r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, a));
        double e = Math.fma(polynomialFromC2(r) * r, r, r);
        double s = Double.longBitsToDouble((Double.doubleToRawLongBits(k) - ROUNDER_BITS + 1023) << 52);
        return Math.fma(s, e, s - 1.0);
    }

    /** 1/2 + r/3! + … + r¹¹/13!, in Horner's form from the highest term (as the loops evaluate it). */
    private static double polynomialFromC2(double r) {
        double p = Math.fma(C13, r, C12);
        p = Math.fma(p, r, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        return Math.fma(p, r, C2);
    }
}
