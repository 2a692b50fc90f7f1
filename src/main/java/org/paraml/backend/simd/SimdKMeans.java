package org.paraml.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.paraml.backend.NearestCenterKernel;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The k-means inner loops on the Vector API, vectorised across centres: the centres' transposed
 * panel ({@code d × k}, padded to whole vectors) gives, per feature, a vector of k centre
 * coordinates, so one fused multiply-add per feature advances the inner products of one row with
 * a whole vector of centres, and four rows share each loaded panel vector. This keeps every lane
 * busy with 4 features as with 784.
 *
 * <p><b>Distance rule.</b> The nearest centre is chosen by the score {@code ‖c‖² − 2⟨x, c⟩} (‖x‖² is
 * common to all centres); lane-wise minima with strict {@code <} keep the earliest centre, and the
 * horizontal minimum takes the lowest index among equal scores, so ties go to the lowest index.
 * The distance reported for the chosen centre is then recomputed directly as
 * {@code Σ_j (x_j − c_j)²} (vector lanes summed in lane order, then the tail), so cancellation in
 * the norm form can move a near-tie label but never the accuracy of a reported distance; it costs d
 * operations per row against the search's k·d.
 *
 * <p>Every row goes through the same arithmetic whether it falls in a block of four or not, so
 * results do not depend on chunking or threads.
 */
final class SimdKMeans implements NearestCenterKernel {
    private static final VectorSpecies<Double> S = SimdKernels.S;
    private static final int L = SimdKernels.L;
    private static final DoubleVector IOTA = iota();
    private static final DoubleVector INF = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(S, -2.0);

    private static DoubleVector iota() {
        double[] a = new double[L];
        for (int l = 0; l < L; l++) {
            a[l] = l;
        }
        return DoubleVector.fromArray(S, a, 0);
    }

    @Override
    public void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances,
                        int outOffset) {
        SimdPreparedMatrix c = (SimdPreparedMatrix) centers;
        double[] panel = c.panel();
        double[] cn = c.normsPadded();
        int kPad = c.paddedRows();
        int vectors = kPad / L;
        int d = x.cols();
        double[] xd = x.data();
        double[] lanes = new double[L];
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int o0 = x.offset(i);
            int o1 = x.offset(i + 1);
            int o2 = x.offset(i + 2);
            int o3 = x.offset(i + 3);
            DoubleVector bv0 = INF;
            DoubleVector bv1 = INF;
            DoubleVector bv2 = INF;
            DoubleVector bv3 = INF;
            DoubleVector bi0 = DoubleVector.zero(S);
            DoubleVector bi1 = bi0;
            DoubleVector bi2 = bi0;
            DoubleVector bi3 = bi0;
            int v = 0;
            for (; v + 2 <= vectors; v += 2) {
                int p = v * L;
                DoubleVector a00 = DoubleVector.zero(S);
                DoubleVector a01 = a00;
                DoubleVector a10 = a00;
                DoubleVector a11 = a00;
                DoubleVector a20 = a00;
                DoubleVector a21 = a00;
                DoubleVector a30 = a00;
                DoubleVector a31 = a00;
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    DoubleVector t0 = DoubleVector.fromArray(S, panel, q);
                    DoubleVector t1 = DoubleVector.fromArray(S, panel, q + L);
                    DoubleVector x0 = DoubleVector.broadcast(S, xd[o0 + f]);
                    a00 = t0.fma(x0, a00);
                    a01 = t1.fma(x0, a01);
                    DoubleVector x1 = DoubleVector.broadcast(S, xd[o1 + f]);
                    a10 = t0.fma(x1, a10);
                    a11 = t1.fma(x1, a11);
                    DoubleVector x2 = DoubleVector.broadcast(S, xd[o2 + f]);
                    a20 = t0.fma(x2, a20);
                    a21 = t1.fma(x2, a21);
                    DoubleVector x3 = DoubleVector.broadcast(S, xd[o3 + f]);
                    a30 = t0.fma(x3, a30);
                    a31 = t1.fma(x3, a31);
                }
                DoubleVector n0 = DoubleVector.fromArray(S, cn, p);
                DoubleVector n1 = DoubleVector.fromArray(S, cn, p + L);
                DoubleVector id0 = IOTA.add(p);
                DoubleVector id1 = IOTA.add(p + L);
                DoubleVector s = a00.fma(MINUS_TWO, n0);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id0, m);
                s = a01.fma(MINUS_TWO, n1);
                m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id1, m);
                s = a10.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id0, m);
                s = a11.fma(MINUS_TWO, n1);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id1, m);
                s = a20.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id0, m);
                s = a21.fma(MINUS_TWO, n1);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id1, m);
                s = a30.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id0, m);
                s = a31.fma(MINUS_TWO, n1);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id1, m);
            }
            if (v < vectors) {
                int p = v * L;
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    DoubleVector t0 = DoubleVector.fromArray(S, panel, q);
                    a0 = t0.fma(DoubleVector.broadcast(S, xd[o0 + f]), a0);
                    a1 = t0.fma(DoubleVector.broadcast(S, xd[o1 + f]), a1);
                    a2 = t0.fma(DoubleVector.broadcast(S, xd[o2 + f]), a2);
                    a3 = t0.fma(DoubleVector.broadcast(S, xd[o3 + f]), a3);
                }
                DoubleVector n0 = DoubleVector.fromArray(S, cn, p);
                DoubleVector id0 = IOTA.add(p);
                DoubleVector s = a0.fma(MINUS_TWO, n0);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(id0, m);
                s = a1.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv1);
                bv1 = bv1.blend(s, m);
                bi1 = bi1.blend(id0, m);
                s = a2.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv2);
                bv2 = bv2.blend(s, m);
                bi2 = bi2.blend(id0, m);
                s = a3.fma(MINUS_TWO, n0);
                m = s.compare(VectorOperators.LT, bv3);
                bv3 = bv3.blend(s, m);
                bi3 = bi3.blend(id0, m);
            }
            finishRow(x, i, c, argmin(bv0, bi0), labels, distances, outOffset + i - from, lanes);
            finishRow(x, i + 1, c, argmin(bv1, bi1), labels, distances, outOffset + i + 1 - from, lanes);
            finishRow(x, i + 2, c, argmin(bv2, bi2), labels, distances, outOffset + i + 2 - from, lanes);
            finishRow(x, i + 3, c, argmin(bv3, bi3), labels, distances, outOffset + i + 3 - from, lanes);
        }
        for (; i < to; i++) {
            int o0 = x.offset(i);
            DoubleVector bv0 = INF;
            DoubleVector bi0 = DoubleVector.zero(S);
            for (int v = 0; v < vectors; v++) {
                int p = v * L;
                DoubleVector a0 = DoubleVector.zero(S);
                for (int f = 0, q = p; f < d; f++, q += kPad) {
                    a0 = DoubleVector.fromArray(S, panel, q).fma(DoubleVector.broadcast(S, xd[o0 + f]), a0);
                }
                DoubleVector s = a0.fma(MINUS_TWO, DoubleVector.fromArray(S, cn, p));
                VectorMask<Double> m = s.compare(VectorOperators.LT, bv0);
                bv0 = bv0.blend(s, m);
                bi0 = bi0.blend(IOTA.add(p), m);
            }
            finishRow(x, i, c, argmin(bv0, bi0), labels, distances, outOffset + i - from, lanes);
        }
    }

    /** The lowest centre index among the lanes holding the smallest score. */
    private static int argmin(DoubleVector best, DoubleVector index) {
        double min = best.reduceLanes(VectorOperators.MIN);
        VectorMask<Double> atMin = best.compare(VectorOperators.EQ, min);
        double idx = INF.blend(index, atMin).reduceLanes(VectorOperators.MIN);
        return idx < Integer.MAX_VALUE ? (int) idx : 0;
    }

    /** Writes the label and the directly recomputed squared distance of row i to centre {@code label}. */
    private static void finishRow(Matrix x, int i, SimdPreparedMatrix c, int label, int[] labels,
                                  double[] distances, int o, double[] lanes) {
        labels[o] = label;
        distances[o] = squaredDistance(x.data(), x.offset(i), c.matrix().data(), c.matrix().offset(label), x.cols(),
                lanes);
    }

    /** {@code Σ_j (x_j − y_j)²}: vector lanes, summed in lane order, then the scalar tail. */
    static double squaredDistance(double[] xd, int ox, double[] yd, int oy, int d, double[] lanes) {
        int bound = S.loopBound(d);
        double s = 0.0;
        if (bound > 0) {
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < bound; j += L) {
                DoubleVector t = DoubleVector.fromArray(S, xd, ox + j).sub(DoubleVector.fromArray(S, yd, oy + j));
                acc = t.fma(t, acc);
            }
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (int j = bound; j < d; j++) {
            double t = xd[ox + j] - yd[oy + j];
            s += t * t;
        }
        return s;
    }

    /** {@inheritDoc} Vectorised along features; each row's contribution is added in row order. */
    @Override
    public void accumulate(Matrix x, int from, int to, double[] sampleWeight, int[] labels, int labelsOffset,
                           double[] sums, double[] counts) {
        double[] xd = x.data();
        int d = x.cols();
        int bound = S.loopBound(d);
        for (int i = from; i < to; i++) {
            int l = labels[labelsOffset + i - from];
            double w = sampleWeight == null ? 1.0 : sampleWeight[i];
            int o = x.offset(i);
            int s = l * d;
            if (sampleWeight == null) {
                for (int j = 0; j < bound; j += L) {
                    DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, xd, o + j))
                            .intoArray(sums, s + j);
                }
                for (int j = bound; j < d; j++) {
                    sums[s + j] += xd[o + j];
                }
            } else {
                DoubleVector wv = DoubleVector.broadcast(S, w);
                for (int j = 0; j < bound; j += L) {
                    DoubleVector.fromArray(S, xd, o + j).fma(wv, DoubleVector.fromArray(S, sums, s + j))
                            .intoArray(sums, s + j);
                }
                for (int j = bound; j < d; j++) {
                    sums[s + j] += w * xd[o + j];
                }
            }
            counts[l] += w;
        }
    }
}
