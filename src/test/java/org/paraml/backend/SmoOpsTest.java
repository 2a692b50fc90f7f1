package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SmoOps#vector()} (the Vector API loops when the module is readable) returns exactly what the
 * scalar reference returns: the same indices, including ties (many equal gradients, signed zeros,
 * second-order objectives equal or one rounding apart) and candidates with a non-positive
 * curvature, and the same bits in the updated arrays, on odd sizes.
 */
class SmoOpsTest {
    private static final SmoOps SCALAR = SmoOps.scalar();
    private static final SmoOps VECTOR = SmoOps.vector();

    private record Problem(double[] g, double[] up, double[] low, double[] qd, float[] qi) {
    }

    private static Problem problem(int n, long seed, boolean ties) {
        return problem(n, seed, ties, false);
    }

    /**
     * With {@code nearTies}, the curvatures differ from 1 by a few units in the last place, so that
     * many candidates' objectives −b²/a are equal or one rounding apart.
     */
    private static Problem problem(int n, long seed, boolean ties, boolean nearTies) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] g = new double[n];
        double[] up = new double[n];
        double[] low = new double[n];
        double[] qd = new double[n];
        float[] qi = new float[n];
        double[] few = {-1.0, -0.5, -0.0, 0.0, 0.25, 0.5, 1.0};
        for (int t = 0; t < n; t++) {
            g[t] = ties ? few[r.nextInt(few.length)] : r.nextDouble(-2, 1);
            double y = r.nextBoolean() ? 1 : -1;
            int status = r.nextInt(3); // 0 lower, 1 upper, 2 free
            up[t] = (y == 1 ? status != 1 : status != 0) ? -y : 0;
            low[t] = (y == 1 ? status != 0 : status != 1) ? y : 0;
            qd[t] = nearTies ? 1.0 + r.nextInt(4) * 0x1p-52 : ties ? 1.0 : r.nextDouble(0.5, 1.5);
            qi[t] = (float) (ties ? few[r.nextInt(few.length)] : r.nextDouble(-1.2, 1.2));
        }
        return new Problem(g, up, low, qd, qi);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 1021, 4099})
    void workingSetSelectionIsTheScalarOne(int n) {
        for (long seed = 1; seed <= 12; seed++) {
            for (int kind = 0; kind < 3; kind++) {
                boolean ties = kind >= 1;
                Problem p = problem(n, seed * 31 + n, ties, kind == 2);
                int i = SCALAR.argmaxUp(p.g, p.up, 0, n);
                assertEquals(i, VECTOR.argmaxUp(p.g, p.up, 0, n), "argmaxUp n=" + n + " seed=" + seed);
                int from = n / 3;
                assertEquals(SCALAR.argmaxUp(p.g, p.up, from, n), VECTOR.argmaxUp(p.g, p.up, from, n),
                        "argmaxUp from=" + from + " n=" + n + " seed=" + seed);
                assertEquals(SCALAR.argmaxUp(p.g, p.up, 0, from), VECTOR.argmaxUp(p.g, p.up, 0, from),
                        "argmaxUp to=" + from + " seed=" + seed);
                // the second scan for the chosen i, and for other first indices (other gmax, curvatures)
                int[] firsts = {i, 0, n / 2, n - 1};
                for (int first : firsts) {
                    if (first < 0 || n == 0) {
                        continue;
                    }
                    double gmax = i >= 0 && first == i ? p.up[i] * p.g[i] : p.g[first];
                    double twoYi = first % 2 == 0 ? 2.0 : -2.0;
                    double[] s1 = new double[2];
                    double[] s2 = new double[2];
                    for (int[] range : new int[][] {{0, n}, {from, n}, {0, from}}) {
                        int lo = range[0];
                        int hi = range[1];
                        String at = " n=" + n + " [" + lo + ", " + hi + ") seed=" + seed + " first=" + first;
                        int j1 = SCALAR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, p.qd[first], twoYi, 1e-12, lo,
                                hi, s1);
                        int j2 = VECTOR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, p.qd[first], twoYi, 1e-12, lo,
                                hi, s2);
                        assertEquals(j1, j2, "argminSecondOrder" + at);
                        assertEquals(s1[0], s2[0], 0.0, "gmax2" + at);
                        assertEquals(s1[1], s2[1], 0.0, "objective" + at);
                        // a curvature that is often not positive: qdi far below -qd
                        j1 = SCALAR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, -1.0, twoYi, 1e-12, lo, hi, s1);
                        j2 = VECTOR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, -1.0, twoYi, 1e-12, lo, hi, s2);
                        assertEquals(j1, j2, "argminSecondOrder with tau" + at);
                        assertEquals(s1[1], s2[1], 0.0, "objective with tau" + at);
                    }
                }
            }
        }
    }

    /**
     * NaN values are passed over as the scalar loops pass them over ({@code v >= max} and
     * {@code obj <= min} are false for NaN): a NaN gradient is neither a maximum nor a candidate, a
     * NaN kernel value or curvature makes {@code a_t} NaN, so the candidate is divided by tau.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 17, 64, 65, 1021})
    void nanValuesArePassedOverAsTheScalarLoopsPassThemOver(int n) {
        for (long seed = 1; seed <= 12; seed++) {
            Problem p = problem(n, seed * 17 + n, seed % 2 == 0);
            SplittableRandom r = new SplittableRandom(seed);
            for (int t = 0; t < n; t++) {
                int which = r.nextInt(8);
                if (which == 0) {
                    p.g[t] = Double.NaN;
                } else if (which == 1) {
                    p.qi[t] = Float.NaN;
                } else if (which == 2) {
                    p.qd[t] = Double.NaN;
                }
            }
            String at = " n=" + n + " seed=" + seed;
            assertEquals(SCALAR.argmaxUp(p.g, p.up, 0, n), VECTOR.argmaxUp(p.g, p.up, 0, n), "argmaxUp" + at);
            double[] s1 = new double[2];
            double[] s2 = new double[2];
            for (double gmax : new double[] {0.5, 2.0, Double.NaN}) {
                int j1 = SCALAR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, 1.0, 2.0, 1e-12, 0, n, s1);
                int j2 = VECTOR.argminSecondOrder(p.g, p.low, p.qd, p.qi, gmax, 1.0, 2.0, 1e-12, 0, n, s2);
                assertEquals(j1, j2, "argminSecondOrder gmax=" + gmax + at);
                assertEquals(s1[0], s2[0], 0.0, "gmax2 gmax=" + gmax + at);
                assertEquals(s1[1], s2[1], 0.0, "objective gmax=" + gmax + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 17, 64, 65, 1021})
    void updatesAreTheScalarOnesBitForBit(int n) {
        Problem p = problem(n, 99 + n, false);
        Problem q = problem(n, 7 + n, false);
        double[] a = p.g.clone();
        double[] b = p.g.clone();
        SCALAR.updateGradient(a, p.qi, 0.37, q.qi, -1.3e-3, 0, n);
        VECTOR.updateGradient(b, p.qi, 0.37, q.qi, -1.3e-3, 0, n);
        assertArrayEquals(a, b);
        SCALAR.updateGradient(a, p.qi, -2.5, q.qi, 0.75, n / 3, n);
        VECTOR.updateGradient(b, p.qi, -2.5, q.qi, 0.75, n / 3, n);
        assertArrayEquals(a, b, "a range");
        for (double s : new double[] {2.5, -2.5, 0.0, 1e-7}) {
            for (int from : new int[] {0, Math.min(3, n), n / 2}) {
                SCALAR.addScaled(a, q.qi, s, from, n);
                VECTOR.addScaled(b, q.qi, s, from, n);
                assertArrayEquals(a, b, "addScaled s=" + s + " from=" + from);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 17, 64, 65, 1021})
    void theFusedStepUpdateIsTheSeparateCallsBitForBit(int n) {
        Problem p = problem(n, 31 + n, false);
        Problem q = problem(n, 57 + n, false);
        double[] bar = problem(n, 11 + n, false).g.clone();
        if (n > 2) {
            bar[0] = -0.0; // signed zeros: v − (+0) and v + (−0) must agree
            bar[1] = 0.0;
            p.qi[0] = 0f;
            q.qi[1] = -0f;
        }
        for (SmoOps ops : new SmoOps[] {SCALAR, VECTOR}) {
            for (boolean barI : new boolean[] {false, true}) {
                for (boolean barJ : new boolean[] {false, true}) {
                    for (double[] s : new double[][] {{0.25, -0.25}, {-1e-3, 10.0}, {3.0, 3.0}, {-7.5, -0.5}}) {
                        for (int from : new int[] {0, Math.min(3, n), n / 2}) {
                            double[] g1 = p.g.clone();
                            double[] g2 = p.g.clone();
                            double[] b1 = bar.clone();
                            double[] b2 = bar.clone();
                            SCALAR.updateGradient(g1, p.qi, 0.37, q.qi, -1.3e-3, from, n);
                            if (barI) {
                                SCALAR.addScaled(b1, p.qi, s[0], from, n);
                            }
                            if (barJ) {
                                SCALAR.addScaled(b1, q.qi, s[1], from, n);
                            }
                            ops.updateGradientAndBar(g2, p.qi, 0.37, q.qi, -1.3e-3, b2, barI, s[0], barJ, s[1], from, n);
                            String at = ops.getClass().getSimpleName() + " barI=" + barI + " barJ=" + barJ + " s="
                                    + java.util.Arrays.toString(s) + " from=" + from;
                            assertArrayEquals(g1, g2, "gradient " + at);
                            assertArrayEquals(b1, b2, "G_bar " + at);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 15, 16, 17, 33, 1021})
    void copiesAreTheScalarOnesBitForBitAndTheirFormula(int n) {
        SplittableRandom r = new SplittableRandom(11 + n);
        int srcFrom = 3;
        float[] src = randomFloats(r, n + 9);
        assertFills("copy", n, randomSigns(r, n),
                (ops, from, sign, sg, out) -> ops.copy(src, srcFrom, sign, sg, out, from, n),
                (j, from) -> src[srcFrom + j - from]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 15, 16, 17, 33, 1021})
    void gathersAreTheScalarOnesBitForBit(int n) {
        SplittableRandom r = new SplittableRandom(5 + n);
        int base = 40;
        float[] src = randomFloats(r, n + 3);
        int[] ord = new int[n];
        for (int j = 0; j < n; j++) {
            ord[j] = base + r.nextInt(src.length); // a permutation-like index into [base, base + src.length)
        }
        assertFills("gather", n, randomSigns(r, n),
                (ops, from, sign, sg, out) -> ops.gather(src, base, ord, sign, sg, out, from, n),
                (j, from) -> src[ord[j] - base]);
    }

    /** A fill of {@code out[from, n)} by one implementation. */
    private interface Fill {
        void run(SmoOps ops, int from, float sign, float[] signs, float[] out);
    }

    /** The source value a fill puts at position j (before signs). */
    private interface SourceValue {
        float at(int j, int from);
    }

    /**
     * For several starts, both signs, with and without signs: the scalar and vector fills give the same bits,
     * each value is its source value times {@code sign·signs[j]}, and nothing below {@code from} is touched.
     */
    private static void assertFills(String what, int n, float[] signs, Fill fill, SourceValue source) {
        for (int from : new int[] {0, Math.min(5, n), n}) {
            for (float sign : new float[] {1f, -1f}) {
                for (float[] sg : new float[][] {signs, null}) {
                    float[] a = new float[n];
                    float[] b = new float[n];
                    java.util.Arrays.fill(a, 7f);
                    java.util.Arrays.fill(b, 7f);
                    fill.run(SCALAR, from, sign, sg, a);
                    fill.run(VECTOR, from, sign, sg, b);
                    assertArrayEquals(a, b, what + " n=" + n + " from=" + from + " sign=" + sign);
                    for (int j = from; j < n; j++) {
                        float v = source.at(j, from);
                        assertEquals(sg == null ? v : v * (sign * sg[j]), a[j], 0f, what + " value " + j);
                    }
                    for (int j = 0; j < from; j++) {
                        assertEquals(7f, a[j], 0f, "untouched below from");
                    }
                }
            }
        }
    }

    private static float[] randomFloats(SplittableRandom r, int n) {
        return TestData.floats(r, n, -3, 3);
    }

    private static float[] randomSigns(SplittableRandom r, int n) {
        float[] signs = new float[n];
        for (int j = 0; j < n; j++) {
            signs[j] = r.nextBoolean() ? 1f : -1f;
        }
        return signs;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 8, 17, 1021})
    void supportVectorTermsAreTheScalarOnesBitForBit(int n) {
        SplittableRandom r = new SplittableRandom(11 + n);
        int srcFrom = 6;
        int at = 3;
        float[] src = new float[srcFrom + n + 2];
        for (int k = 0; k < src.length; k++) {
            src[k] = r.nextInt(8) == 0 ? 0f : (float) r.nextDouble(-1, 1);
        }
        for (double c : new double[] {0.001, -0.001, 1.0 / 3, -7.25e-5, 0.0}) {
            double[] sum1 = new double[at + n + 4];
            double[] mag1 = new double[at + n + 4];
            for (int k = 0; k < sum1.length; k++) {
                sum1[k] = r.nextDouble(-2, 2);
                mag1[k] = r.nextDouble(0, 3);
            }
            double[] sum2 = sum1.clone();
            double[] mag2 = mag1.clone();
            double[] sum0 = sum1.clone();
            double[] mag0 = mag1.clone();
            SCALAR.addTerms(src, srcFrom, c, sum1, mag1, at, n);
            VECTOR.addTerms(src, srcFrom, c, sum2, mag2, at, n);
            assertArrayEquals(sum1, sum2, "sums n=" + n + " c=" + c);
            assertArrayEquals(mag1, mag2, "magnitudes n=" + n + " c=" + c);
            for (int k = 0; k < sum1.length; k++) {
                boolean inside = k >= at && k < at + n;
                double term = inside ? c * (double) src[srcFrom + k - at] : 0;
                assertEquals(inside ? sum0[k] + term : sum0[k], sum1[k], 0.0, "sum " + k);
                assertEquals(inside ? mag0[k] + Math.abs(term) : mag0[k], mag1[k], 0.0, "magnitude " + k);
            }
        }
    }
}
