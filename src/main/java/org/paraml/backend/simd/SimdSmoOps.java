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
 * values widened exactly, no fused multiply-add). The arg-max and arg-min scans run in one pass
 * each: every lane keeps its extreme and the last position holding it, updated by a compare and
 * a blend as the scalar loops update theirs ({@code if (v >= m) { m = v; i = t; }}: NaN never
 * wins, a later equal value does), and the lanes are merged at the end. The lane-wise
 * {@code MAX}/{@code MIN} operators are not used on loop-carried values: with Java's NaN and −0.0
 * rules they compile to a five-instruction dependency chain on AVX2. The second-order scan divides
 * every vector, candidates or not (measured in solves: branching around the division and storing
 * the objectives to scan them again was slower). No vector is passed to a helper called once per
 * scan: C2 compiles a scan while its loop is hot but before the scan has been called often, so
 * such a helper stays out of line, and JDK 17 then boxes the vectors it takes on every iteration
 * of the loop that carries them (120 KB allocated and twice the time per 10,000 positions). Loaded
 * by name, only when the module {@code jdk.incubator.vector} is readable.
 */
public final class SimdSmoOps implements SmoOps {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 2)));
    private static final SmoOps SCALAR = SmoOps.scalar();
    /** Float lanes for gathers: AVX-512 and AVX2 gather float32 by int32 index in one instruction. */
    private static final VectorSpecies<Float> G = FloatVector.SPECIES_PREFERRED;

    /** 0, 1, …, L − 1: each lane's offset in a vector (loaded, since {@code addIndex} is not compiled to vector code on JDK 17). */
    private static final double[] LANE_INDEX = java.util.stream.IntStream.range(0, L).asDoubleStream().toArray();

    /** Public no-argument constructor, for loading by name. */
    public SimdSmoOps() {
        if (L < 2) {
            throw new UnsupportedOperationException("the CPU's preferred double vector has " + L + " lane(s)");
        }
    }

    /**
     * The running maximum as the scalar loop keeps it ({@code if (v >= m) m = v}): a value at
     * least the running one replaces it, NaN never does. A compare and a blend carry the loop in
     * two instructions, where the lane-wise {@code MAX} with Java's semantics (NaN and −0.0 rules)
     * is a five-instruction chain on AVX2 that bounded these scans.
     */
    private static DoubleVector atLeast(DoubleVector fresh, DoubleVector running) {
        return running.blend(fresh, fresh.compare(VectorOperators.GE, running));
    }

    private static DoubleVector widen(float[] a, int k) {
        return (DoubleVector) FloatVector.fromArray(F, a, k).convertShape(VectorOperators.F2D, S, 0);
    }

    @Override
    public int argmaxUp(double[] g, double[] up, int from, int to) {
        int bound = from + S.loopBound(to - from);
        // per lane: the largest value of a member and the last position holding it (a later equal
        // value replaces it, as in the scalar loop; a position as a double is exact)
        DoubleVector lanes = DoubleVector.fromArray(S, LANE_INDEX, 0);
        DoubleVector best = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector at = DoubleVector.broadcast(S, -1);
        for (int t = from; t < bound; t += L) {
            DoubleVector u = DoubleVector.fromArray(S, up, t);
            DoubleVector v = u.mul(DoubleVector.fromArray(S, g, t));
            VectorMask<Double> better = v.compare(VectorOperators.GE, best).and(u.compare(VectorOperators.NE, 0.0));
            best = best.blend(v, better);
            at = at.blend(lanes.add(t), better);
        }
        double max = best.reduceLanes(VectorOperators.MAX);
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
        // the last position among the lanes holding the maximum, written out here: see the class comment
        return (int) at.blend(-1, best.compare(VectorOperators.NE, max)).reduceLanes(VectorOperators.MAX);
    }

    @Override
    public int argminSecondOrder(double[] g, double[] low, double[] qd, float[] qi, double gmax, double qdi,
                                 double twoYi, double tau, int from, int to, double[] result) {
        int bound = from + S.loopBound(to - from);
        DoubleVector negInf = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector posInf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        DoubleVector twoYiV = DoubleVector.broadcast(S, twoYi);
        DoubleVector qdiV = DoubleVector.broadcast(S, qdi);
        DoubleVector tauV = DoubleVector.broadcast(S, tau);
        // per lane: the largest w, the smallest objective and the last position holding it (a
        // position as a double is exact); a later equal objective replaces it, as in the scalar loop
        DoubleVector lanes = DoubleVector.fromArray(S, LANE_INDEX, 0);
        DoubleVector g2 = negInf;
        DoubleVector best = posInf;
        DoubleVector at = DoubleVector.broadcast(S, -1);
        for (int t = from; t < bound; t += L) {
            DoubleVector lt = DoubleVector.fromArray(S, low, t);
            VectorMask<Double> member = lt.compare(VectorOperators.NE, 0.0);
            DoubleVector w = lt.mul(DoubleVector.fromArray(S, g, t));
            g2 = atLeast(negInf.blend(w, member), g2);
            DoubleVector b = w.add(gmax);
            VectorMask<Double> cand = member.and(b.compare(VectorOperators.GT, 0.0));
            DoubleVector a = qdiV.add(DoubleVector.fromArray(S, qd, t)).sub(lt.mul(twoYiV).mul(widen(qi, t)));
            DoubleVector den = tauV.blend(a, a.compare(VectorOperators.GT, 0.0));
            DoubleVector obj = posInf.blend(b.mul(b).neg().div(den), cand);
            VectorMask<Double> better = obj.compare(VectorOperators.LE, best);
            best = best.blend(obj, better);
            at = at.blend(lanes.add(t), better);
        }
        double gmax2 = g2.reduceLanes(VectorOperators.MAX);
        double min = best.reduceLanes(VectorOperators.MIN);
        double tailMin = Double.POSITIVE_INFINITY;
        int tailIdx = -1;
        for (int t = bound; t < to; t++) {
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
        // the last position among the lanes holding the minimum, written out here: see the class comment
        return (int) at.blend(-1, best.compare(VectorOperators.NE, min)).reduceLanes(VectorOperators.MAX);
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

    @Override
    public void copy(float[] src, int srcFrom, float sign, float[] signs, float[] out, int from, int to) {
        if (signs == null) {
            SCALAR.copy(src, srcFrom, sign, null, out, from, to);
            return;
        }
        int gl = G.length();
        int j = from;
        for (int bound = from + G.loopBound(to - from); j < bound; j += gl) {
            FloatVector s = FloatVector.fromArray(G, signs, j).mul(sign);
            FloatVector.fromArray(G, src, srcFrom + (j - from)).mul(s).intoArray(out, j);
        }
        SCALAR.copy(src, srcFrom + (j - from), sign, signs, out, j, to);
    }

    @Override
    public void addTerms(float[] src, int srcFrom, double c, double[] sum, double[] magnitude, int at, int n) {
        int r = 0;
        for (int bound = S.loopBound(n); r < bound; r += L) {
            DoubleVector term = widen(src, srcFrom + r).mul(c);
            DoubleVector.fromArray(S, sum, at + r).add(term).intoArray(sum, at + r);
            DoubleVector.fromArray(S, magnitude, at + r).add(term.abs()).intoArray(magnitude, at + r);
        }
        SCALAR.addTerms(src, srcFrom + r, c, sum, magnitude, at + r, n - r);
    }
}
