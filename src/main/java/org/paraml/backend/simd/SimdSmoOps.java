package org.paraml.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.paraml.backend.SmoOps;

/**
 * {@link SmoOps} on the Vector API, bit for bit equal to the scalar loops.
 *
 * <p>The arithmetic per element is the scalar one (the same operations in the same order, float
 * values widened exactly, no fused multiply-add). The arg-max / arg-min searches run in two
 * passes, because a lane-wise "keep the index of the best so far" (a compare feeding a blend on
 * the loop-carried value) compiles to slow code on JDK 17: the first pass takes lane-wise
 * maxima (minima), the second scans backwards for the last position holding the extreme value,
 * which is the index a forward scan keeping the last of equal values returns. The running
 * extremes are updated as {@code fresh.lanewise(MAX, running)}, not {@code running.max(fresh)}:
 * C2 types a loop-carried vector as the abstract {@code DoubleVector}, and the convenience method
 * {@code max} calls {@code lanewise} through a call site whose type profile is shared by every
 * caller and was missing in measurements on JDK 17, which left a boxed, very slow path; calling
 * {@code lanewise} here on a freshly made vector binds it statically. Loaded by name, only when
 * the module {@code jdk.incubator.vector} is readable.
 */
public final class SimdSmoOps implements SmoOps {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 2)));
    private static final SmoOps SCALAR = SmoOps.scalar();
    /** Float lanes for gathers: AVX-512 and AVX2 gather float32 by int32 index in one instruction. */
    private static final VectorSpecies<Float> G = FloatVector.SPECIES_PREFERRED;

    /** Public no-argument constructor, for loading by name. */
    public SimdSmoOps() {
        if (L < 2) {
            throw new UnsupportedOperationException("the CPU's preferred double vector has " + L + " lane(s)");
        }
    }

    private static DoubleVector widen(float[] a, int k) {
        return (DoubleVector) FloatVector.fromArray(F, a, k).convertShape(VectorOperators.F2D, S, 0);
    }

    @Override
    public int argmaxUp(double[] g, double[] up, int from, int to) {
        int bound = from + S.loopBound(to - from);
        DoubleVector negInf = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector m0 = negInf;
        DoubleVector m1 = negInf;
        int t = from;
        for (; t + 2 * L <= bound; t += 2 * L) {
            DoubleVector u0 = DoubleVector.fromArray(S, up, t);
            DoubleVector u1 = DoubleVector.fromArray(S, up, t + L);
            DoubleVector v0 = u0.mul(DoubleVector.fromArray(S, g, t));
            DoubleVector v1 = u1.mul(DoubleVector.fromArray(S, g, t + L));
            m0 = negInf.blend(v0, u0.compare(VectorOperators.NE, 0.0)).lanewise(VectorOperators.MAX, m0);
            m1 = negInf.blend(v1, u1.compare(VectorOperators.NE, 0.0)).lanewise(VectorOperators.MAX, m1);
        }
        for (; t < bound; t += L) {
            DoubleVector u0 = DoubleVector.fromArray(S, up, t);
            DoubleVector v0 = u0.mul(DoubleVector.fromArray(S, g, t));
            m0 = negInf.blend(v0, u0.compare(VectorOperators.NE, 0.0)).lanewise(VectorOperators.MAX, m0);
        }
        double max = m0.max(m1).reduceLanes(VectorOperators.MAX);
        if (Double.isNaN(max)) {
            return SCALAR.argmaxUp(g, up, from, to);
        }
        // the tail: indices above every vector lane win ties
        double tailMax = Double.NEGATIVE_INFINITY;
        int tailIdx = -1;
        for (int k = bound; k < to; k++) {
            double u = up[k];
            if (u != 0) {
                double v = u * g[k];
                if (v >= tailMax) {
                    tailMax = v;
                    tailIdx = k;
                }
            }
        }
        if (tailIdx != -1 && tailMax >= max) {
            return tailIdx;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return -1;
        }
        // the last member holding the maximum
        DoubleVector target = DoubleVector.broadcast(S, max);
        for (int k = bound - L; k >= from; k -= L) {
            DoubleVector u0 = DoubleVector.fromArray(S, up, k);
            VectorMask<Double> hit = u0.mul(DoubleVector.fromArray(S, g, k)).compare(VectorOperators.EQ, target)
                    .and(u0.compare(VectorOperators.NE, 0.0));
            if (hit.anyTrue()) {
                return k + hit.lastTrue();
            }
        }
        return SCALAR.argmaxUp(g, up, from, to); // not reached for finite inputs
    }

    @Override
    public int argminSecondOrder(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi,
                                 double twoYi, double tau, int from, int to, double[] scratch, double[] result) {
        int bound = from + S.loopBound(to - from);
        DoubleVector negInf = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector posInf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        DoubleVector g2 = negInf;
        DoubleVector twoYiV = DoubleVector.broadcast(S, twoYi);
        DoubleVector qdiV = DoubleVector.broadcast(S, qdi);
        DoubleVector tauV = DoubleVector.broadcast(S, tau);
        // the objective of every candidate into scratch (+inf elsewhere), and the largest w
        for (int t = from; t < bound; t += L) {
            DoubleVector lt = DoubleVector.fromArray(S, low, t);
            VectorMask<Double> member = lt.compare(VectorOperators.NE, 0.0);
            DoubleVector w = lt.mul(DoubleVector.fromArray(S, g, t));
            g2 = negInf.blend(w, member).lanewise(VectorOperators.MAX, g2);
            DoubleVector b = w.add(gmax);
            VectorMask<Double> cand = member.and(b.compare(VectorOperators.GT, 0.0));
            if (cand.anyTrue()) {
                DoubleVector a = qdiV.add(DoubleVector.fromArray(S, qd, t)).sub(lt.mul(twoYiV).mul(widen(qi, t)));
                DoubleVector den = tauV.blend(a, a.compare(VectorOperators.GT, 0.0));
                posInf.blend(b.mul(b).neg().div(den), cand).intoArray(scratch, t);
            } else {
                posInf.intoArray(scratch, t);
            }
        }
        double gmax2 = g2.reduceLanes(VectorOperators.MAX);
        // the smallest objective, with four independent running minima
        DoubleVector m0 = posInf;
        DoubleVector m1 = posInf;
        DoubleVector m2 = posInf;
        DoubleVector m3 = posInf;
        int t = from;
        for (; t + 4 * L <= bound; t += 4 * L) {
            m0 = DoubleVector.fromArray(S, scratch, t).lanewise(VectorOperators.MIN, m0);
            m1 = DoubleVector.fromArray(S, scratch, t + L).lanewise(VectorOperators.MIN, m1);
            m2 = DoubleVector.fromArray(S, scratch, t + 2 * L).lanewise(VectorOperators.MIN, m2);
            m3 = DoubleVector.fromArray(S, scratch, t + 3 * L).lanewise(VectorOperators.MIN, m3);
        }
        for (; t < bound; t += L) {
            m0 = DoubleVector.fromArray(S, scratch, t).lanewise(VectorOperators.MIN, m0);
        }
        double min = m0.lanewise(VectorOperators.MIN, m1).lanewise(VectorOperators.MIN, m2.lanewise(VectorOperators.MIN, m3))
                .reduceLanes(VectorOperators.MIN);
        if (Double.isNaN(gmax2) || Double.isNaN(min)) {
            return SCALAR.argminSecondOrder(g, low, qd, qi, gmax, qdi, twoYi, tau, from, to, scratch, result);
        }
        double tailMin = Double.POSITIVE_INFINITY;
        int tailIdx = -1;
        for (t = bound; t < to; t++) {
            double lt = low[t];
            if (lt != 0) {
                double w = lt * g[t];
                if (w >= gmax2) {
                    gmax2 = w;
                }
                double b = gmax + w;
                if (b > 0) {
                    double a = qdi + qd[t] - twoYi * lt * qi[t];
                    double obj = a > 0 ? -(b * b) / a : -(b * b) / tau;
                    if (obj <= tailMin) {
                        tailMin = obj;
                        tailIdx = t;
                    }
                }
            }
        }
        result[0] = gmax2;
        if (tailIdx != -1 && tailMin <= min) {
            result[1] = tailMin;
            return tailIdx;
        }
        result[1] = min;
        if (min == Double.POSITIVE_INFINITY) {
            return -1;
        }
        DoubleVector target = DoubleVector.broadcast(S, min);
        for (int k = bound - L; k >= from; k -= L) {
            VectorMask<Double> hit = DoubleVector.fromArray(S, scratch, k).compare(VectorOperators.EQ, target);
            if (hit.anyTrue()) {
                return k + hit.lastTrue();
            }
        }
        return SCALAR.argminSecondOrder(g, low, qd, qi, gmax, qdi, twoYi, tau, from, to, scratch, result);
    }

    @Override
    public void updateGradient(double[] g, float[] qi, double dai, float[] qj, double daj, int from, int to) {
        int k = from;
        for (int bound = from + S.loopBound(to - from); k < bound; k += L) {
            DoubleVector d = widen(qi, k).mul(dai).add(widen(qj, k).mul(daj));
            DoubleVector.fromArray(S, g, k).add(d).intoArray(g, k);
        }
        for (; k < to; k++) {
            g[k] += qi[k] * dai + qj[k] * daj;
        }
    }

    @Override
    public void addScaled(double[] v, float[] col, double s, int from, int to) {
        int k = from;
        int bound = from + S.loopBound(to - from);
        if (s >= 0) {
            for (; k < bound; k += L) {
                DoubleVector.fromArray(S, v, k).add(widen(col, k).mul(s)).intoArray(v, k);
            }
            for (; k < to; k++) {
                v[k] += s * col[k];
            }
        } else {
            double m = -s;
            for (; k < bound; k += L) {
                DoubleVector.fromArray(S, v, k).sub(widen(col, k).mul(m)).intoArray(v, k);
            }
            for (; k < to; k++) {
                v[k] -= m * col[k];
            }
        }
    }

    @Override
    public void updateGradientAndBar(double[] g, float[] qi, double dai, float[] qj, double daj, double[] gBar,
                                     boolean barI, double si, boolean barJ, double sj, int from, int to) {
        // v + s·col is bit for bit addScaled's v − (−s)·col for s < 0 (x − y is x + (−y), and rounding is
        // symmetric), so one form serves both signs; one loop per case keeps vectors out of branches
        int k = from;
        int bound = from + S.loopBound(to - from);
        if (barI && barJ) {
            for (; k < bound; k += L) {
                DoubleVector a = widen(qi, k);
                DoubleVector b = widen(qj, k);
                DoubleVector.fromArray(S, g, k).add(a.mul(dai).add(b.mul(daj))).intoArray(g, k);
                DoubleVector.fromArray(S, gBar, k).add(a.mul(si)).add(b.mul(sj)).intoArray(gBar, k);
            }
        } else if (barI) {
            for (; k < bound; k += L) {
                DoubleVector a = widen(qi, k);
                DoubleVector.fromArray(S, g, k).add(a.mul(dai).add(widen(qj, k).mul(daj))).intoArray(g, k);
                DoubleVector.fromArray(S, gBar, k).add(a.mul(si)).intoArray(gBar, k);
            }
        } else if (barJ) {
            for (; k < bound; k += L) {
                DoubleVector b = widen(qj, k);
                DoubleVector.fromArray(S, g, k).add(widen(qi, k).mul(dai).add(b.mul(daj))).intoArray(g, k);
                DoubleVector.fromArray(S, gBar, k).add(b.mul(sj)).intoArray(gBar, k);
            }
        } else {
            updateGradient(g, qi, dai, qj, daj, from, to);
            return;
        }
        for (; k < to; k++) {
            g[k] += qi[k] * dai + qj[k] * daj;
            if (barI) {
                gBar[k] += si * qi[k];
            }
            if (barJ) {
                gBar[k] += sj * qj[k];
            }
        }
    }

    @Override
    public void gather(float[] src, int base, int[] ord, float sign, float[] signs, float[] out, int from, int to) {
        int gl = G.length();
        int j = from;
        int bound = from + G.loopBound(to - from);
        if (signs == null) {
            for (; j < bound; j += gl) {
                FloatVector.fromArray(G, src, -base, ord, j).intoArray(out, j);
            }
        } else {
            for (; j < bound; j += gl) {
                FloatVector s = FloatVector.fromArray(G, signs, j).mul(sign);
                FloatVector.fromArray(G, src, -base, ord, j).mul(s).intoArray(out, j);
            }
        }
        SCALAR.gather(src, base, ord, sign, signs, out, j, to);
    }
}
