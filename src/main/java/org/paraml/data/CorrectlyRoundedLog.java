package org.paraml.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The natural logarithm rounded to the nearest double, as the C library's {@code log} gives it.
 *
 * <p>Why: numpy's legacy Gaussian ({@code legacy_gauss}) calls the C {@code log}; glibc's is
 * accurate to about half an ulp and rounds almost every input correctly, while {@link Math#log}
 * (within 1 ulp) differs from it on roughly one input in two thousand — enough to break
 * bit-for-bit agreement with numpy's normal draws. This class evaluates {@code ln x} in
 * double-double arithmetic (about 90 correct bits) and rounds once.
 *
 * <p>The math: {@code x = 2^k · m} with {@code m ∈ [0.75, 1.5)}; {@code c} is {@code m} rounded
 * to a multiple of 1/128, so {@code d = m − c} is exact and {@code |d/c| < 2^-7.5}. Then
 * {@code ln x = k·ln 2 + ln c + ln(1 + d/c)}, with {@code ln(1 + d/c) = 2·atanh(s)},
 * {@code s = d / (2c + d)}, {@code 2·atanh(s) = 2s + (2/3)s³ + (2/5)s⁵ + … + (2/11)s¹¹}: the first two
 * terms in double-double, the rest in double. {@code ln 2} and the table of {@code ln c} are
 * computed once, at class initialisation, with {@link BigDecimal} to 40 digits.
 */
final class CorrectlyRoundedLog {
    private static final int TABLE_SCALE = 128;
    private static final int FIRST = 96;   // 0.75 * 128
    private static final int LAST = 192;   // 1.5 * 128
    private static final double[] LOG_C_HI = new double[LAST - FIRST + 1];
    private static final double[] LOG_C_LO = new double[LAST - FIRST + 1];
    private static final double LN2_HI;
    private static final double LN2_LO;
    private static final double TWO_THIRDS_HI = 2.0 / 3.0;
    private static final double TWO_THIRDS_LO;
    private static final double TWO_54 = 0x1p54;

    static {
        MathContext mc = new MathContext(40, RoundingMode.HALF_EVEN);
        BigDecimal ln2 = lnBig(BigDecimal.valueOf(2), mc);
        LN2_HI = ln2.doubleValue();
        LN2_LO = ln2.subtract(new BigDecimal(LN2_HI)).doubleValue();
        for (int i = FIRST; i <= LAST; i++) {
            BigDecimal v = lnBig(BigDecimal.valueOf(i).divide(BigDecimal.valueOf(TABLE_SCALE), mc), mc);
            double hi = v.doubleValue();
            LOG_C_HI[i - FIRST] = hi;
            LOG_C_LO[i - FIRST] = v.subtract(new BigDecimal(hi)).doubleValue();
        }
        BigDecimal twoThirds = BigDecimal.valueOf(2).divide(BigDecimal.valueOf(3), mc);
        TWO_THIRDS_LO = twoThirds.subtract(new BigDecimal(TWO_THIRDS_HI)).doubleValue();
    }

    private CorrectlyRoundedLog() {
    }

    /** ln(y) for y in (0, 2] to {@code mc}'s precision: 2·atanh((y−1)/(y+1)) summed until terms vanish. */
    private static BigDecimal lnBig(BigDecimal y, MathContext mc) {
        BigDecimal s = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), mc);
        BigDecimal s2 = s.multiply(s, mc);
        BigDecimal power = s;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 5);
        for (int n = 1; ; n += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.abs().compareTo(eps) < 0) {
                break;
            }
            power = power.multiply(s2, mc);
        }
        return sum.multiply(BigDecimal.valueOf(2), mc);
    }

    /** ln(x), rounded to nearest; NaN, ±0, negative and infinite inputs behave as {@link Math#log}. */
    static double log(double x) {
        if (!(x > 0.0) || x == Double.POSITIVE_INFINITY) {
            return Math.log(x);
        }
        int k = 0;
        if (x < Double.MIN_NORMAL) {
            x *= TWO_54;
            k = -54;
        }
        // x = 2^k · m with m in [0.75, 1.5), in integer arithmetic: subtracting the bits of 0.75 makes the exponent
        // field (arithmetic shift) the k that puts m in that range, with no branch on which half m falls in; the
        // inputs of a Gaussian draw fall on both sides at random, and a mispredicted branch costs more than the
        // whole reduction (bench/RESULTS.md, session 29)
        long bits = Double.doubleToRawLongBits(x);
        long fromThreeQuarters = bits - 0x3fe8000000000000L;
        k += (int) (fromThreeQuarters >> 52);
        double m = Double.longBitsToDouble(bits - (fromThreeQuarters & 0xfff0000000000000L));
        // i = rint(m·128) (half to even), m·128 in [96, 192) being exact: adding and subtracting 2^52 rounds it to
        // an integer in the current (nearest-even) mode, without the branch of a rounding by hand
        double v = m * TABLE_SCALE;
        int i = (int) ((v + 0x1p52) - 0x1p52);
        double c = i * (1.0 / TABLE_SCALE); // exact: 1/128 is a power of two
        double d = m - c; // exact (Sterbenz)

        // s = d / (2c + d) as a double-double sh + sl
        double twoC = 2.0 * c;
        double denHi = twoC + d;
        double denLo = (twoC - denHi) + d;
        double sh = d / denHi;
        double sl = (Math.fma(-sh, denHi, d) - sh * denLo) / denHi;

        // (2/3) s³ as a double-double
        double p = sh * sh;
        double pLo = Math.fma(sh, sh, -p);
        double q = p * sh;
        double qLo = Math.fma(p, sh, -q) + pLo * sh + 3.0 * p * sl;
        double t3 = q * TWO_THIRDS_HI;
        double t3Lo = Math.fma(q, TWO_THIRDS_HI, -t3) + q * TWO_THIRDS_LO + qLo * TWO_THIRDS_HI;

        // (2/5)s⁵ + (2/7)s⁷ + (2/9)s⁹ + (2/11)s¹¹ in double
        double tail = q * p * (2.0 / 5 + p * (2.0 / 7 + p * (2.0 / 9 + p * (2.0 / 11))));

        // sum, largest first: k·ln2 + ln c + 2s + t3 + tail
        double kh = k * LN2_HI;
        double kl = Math.fma(k, LN2_HI, -kh) + k * LN2_LO;
        double hi = kh;
        double lo = kl;
        // + ln c
        double s1 = hi + LOG_C_HI[i - FIRST];
        lo += twoSumErr(hi, LOG_C_HI[i - FIRST], s1) + LOG_C_LO[i - FIRST];
        hi = s1;
        // + 2s
        double s2 = hi + 2.0 * sh;
        lo += twoSumErr(hi, 2.0 * sh, s2) + 2.0 * sl;
        hi = s2;
        // + t3
        double s3 = hi + t3;
        lo += twoSumErr(hi, t3, s3) + t3Lo + tail;
        hi = s3;
        return hi + lo;
    }

    /** The rounding error of {@code s = a + b} (Knuth's TwoSum): {@code a + b − s}, exactly. */
    private static double twoSumErr(double a, double b, double s) {
        double bb = s - a;
        return (a - (s - bb)) + (b - bb);
    }
}
