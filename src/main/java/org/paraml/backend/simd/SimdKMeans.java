package org.paraml.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.paraml.backend.NearestCenterKernel;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The k-means inner loops on the Vector API, in two layouts so that every lane does useful work
 * with 4 features as with 784:
 * <ul>
 *   <li>up to {@value #ACROSS_ROWS_MAX_FEATURES} features, <b>rows in lanes</b>: blocks of rows are
 *       transposed into a small tile and meet one broadcast centre coordinate per fused
 *       multiply-add; no horizontal operation at all;</li>
 *   <li>more features, <b>centres in lanes</b>: the centres' transposed panel gives a vector of
 *       centre coordinates per feature, shared by four rows.</li>
 * </ul>
 *
 * <p><b>Distance rule.</b> The nearest centre is chosen by the score {@code ‖c‖² − 2⟨x, c⟩} (‖x‖²
 * is common to all centres); running minima with strict {@code <} in centre order keep the
 * earliest centre, so ties go to the lowest index. With rows in lanes the reported distance is
 * {@code max(0, ‖x‖² + score)} unless cancellation threatens ({@link #CANCELLATION}), when it is
 * recomputed directly as {@code Σ_j (x_j − c_j)²}; with centres in lanes it is always recomputed
 * directly (d operations next to the search's k·d). Cancellation can thus move a label only at a
 * near-tie, and never the accuracy of a reported distance beyond the backend tolerance.
 *
 * <p>Every row goes through the same arithmetic wherever it falls in a block, so results do not
 * depend on chunking or threads.
 */
final class SimdKMeans implements NearestCenterKernel {
    private static final VectorSpecies<Double> S = SimdKernels.S;
    private static final int L = SimdKernels.L;
    private static final DoubleVector IOTA = iota();
    private static final DoubleVector INF = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    private static final DoubleVector MINUS_TWO = DoubleVector.broadcast(S, -2.0);
    /** Up to this many features the k-means kernel puts rows in lanes; above it, centres. */
    static final int ACROSS_ROWS_MAX_FEATURES = 64;
    /**
     * The cancellation rule: a distance {@code ‖x‖² + ‖c‖² − 2⟨x, c⟩} below this fraction of
     * {@code ‖x‖² + max_c ‖c‖²} (an upper bound of {@code ‖x‖² + ‖c‖²} that needs no per-row lookup)
     * may have lost more than 10 bits to cancellation and is recomputed directly, so a reported
     * distance has relative error at most about {@code 2·(d + 2)·2^−53·2^10} (2.3e-10 at d = 1021),
     * within the backend tolerance; it is clamped at 0 either way.
     */
    static final double CANCELLATION = 0x1p-10;

    private static DoubleVector iota() {
        double[] a = new double[L];
        for (int l = 0; l < L; l++) {
            a[l] = l;
        }
        return DoubleVector.fromArray(S, a, 0);
    }

    /** The rows being assigned, when they were prepared (their tiles then replace the per-block transpose); or null. */
    private final SimdPreparedMatrix preparedX;

    /** A kernel for rows given as a plain matrix (or row view). */
    SimdKMeans() {
        this(null);
    }

    /** A kernel for the rows of {@code preparedX}. */
    SimdKMeans(SimdPreparedMatrix preparedX) {
        this.preparedX = preparedX;
    }

    @Override
    public void nearest(Matrix x, int from, int to, PreparedMatrix centers, int[] labels, double[] distances,
                        int outOffset) {
        if (x.cols() <= ACROSS_ROWS_MAX_FEATURES && x.cols() > 0) {
            nearestAcrossRows(x, from, to, (SimdPreparedMatrix) centers, labels, distances, outOffset);
        } else {
            nearestAcrossCentres(x, from, to, (SimdPreparedMatrix) centers, labels, distances, outOffset);
        }
    }

    /**
     * Few features: rows in lanes. Each block of {@code 2L} rows is transposed into a small tile
     * ({@code tile[f·2L + r] = x_{i+r, f}}, zeros past the last row), then for four centres at a
     * time one broadcast centre coordinate meets two tile vectors (eight accumulators). Lane-wise
     * running minima of the score {@code ‖c‖² − 2⟨x, c⟩} (strict {@code <} in centre order, so ties
     * keep the lowest index) need no horizontal operation; ‖x‖² is summed lane-wise from the tile.
     * The distance is {@code max(0, ‖x‖² + score)}, recomputed directly when it is below
     * {@code (‖x‖² + max_c ‖c‖²)·2^−10} (see {@link #CANCELLATION}).
     */
    private void nearestAcrossRows(Matrix x, int from, int to, SimdPreparedMatrix c, int[] labels,
                                   double[] distances, int outOffset) {
        int d = x.cols();
        int k = c.rows();
        int block = SimdPreparedMatrix.TILE_ROWS;
        double[] panel = c.panel();
        int kPad = c.paddedRows();
        double[] cn = c.squaredNorms();
        double cnMax = 0.0;
        for (double v : cn) {
            cnMax = Math.max(cnMax, v);
        }
        double[] xd = x.data();
        // tiles of the prepared x when the chunk starts on a tile; otherwise transpose block by block
        double[] prepared = preparedX != null && from % block == 0 ? preparedX.tiles() : null;
        double[] scratch = prepared == null ? new double[d * block] : null;
        int[] rowOffsets = new int[block];
        double[] best = new double[block];
        double[] index = new double[block];
        double[] limit = new double[block];
        double[] lanes = new double[L];
        for (int i0 = from; i0 < to; i0 += block) {
            int rows = Math.min(block, to - i0);
            double[] tile;
            int base;
            if (prepared != null) {
                tile = prepared;
                base = i0 * d;
            } else {
                tile = scratch;
                base = 0;
                transpose(x, i0, rows, rowOffsets, scratch);
            }
            DoubleVector xnA = DoubleVector.zero(S);
            DoubleVector xnB = xnA;
            for (int f = 0, t = base; f < d; f++, t += block) {
                DoubleVector ta = DoubleVector.fromArray(S, tile, t);
                DoubleVector tb = DoubleVector.fromArray(S, tile, t + L);
                xnA = ta.fma(ta, xnA);
                xnB = tb.fma(tb, xnB);
            }
            DoubleVector bestA = INF;
            DoubleVector bestB = INF;
            DoubleVector idxA = DoubleVector.zero(S);
            DoubleVector idxB = idxA;
            int j = 0;
            for (; j + 4 <= k; j += 4) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector b0 = a0;
                DoubleVector a1 = a0;
                DoubleVector b1 = a0;
                DoubleVector a2 = a0;
                DoubleVector b2 = a0;
                DoubleVector a3 = a0;
                DoubleVector b3 = a0;
                for (int f = 0, t = base, p = j; f < d; f++, t += block, p += kPad) {
                    DoubleVector ta = DoubleVector.fromArray(S, tile, t);
                    DoubleVector tb = DoubleVector.fromArray(S, tile, t + L);
                    DoubleVector c0 = DoubleVector.broadcast(S, panel[p]);
                    a0 = ta.fma(c0, a0);
                    b0 = tb.fma(c0, b0);
                    DoubleVector c1 = DoubleVector.broadcast(S, panel[p + 1]);
                    a1 = ta.fma(c1, a1);
                    b1 = tb.fma(c1, b1);
                    DoubleVector c2 = DoubleVector.broadcast(S, panel[p + 2]);
                    a2 = ta.fma(c2, a2);
                    b2 = tb.fma(c2, b2);
                    DoubleVector c3 = DoubleVector.broadcast(S, panel[p + 3]);
                    a3 = ta.fma(c3, a3);
                    b3 = tb.fma(c3, b3);
                }
                DoubleVector n = DoubleVector.broadcast(S, cn[j]);
                DoubleVector id = DoubleVector.broadcast(S, j);
                DoubleVector s = a0.fma(MINUS_TWO, n);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b0.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 1]);
                id = DoubleVector.broadcast(S, j + 1);
                s = a1.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b1.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 2]);
                id = DoubleVector.broadcast(S, j + 2);
                s = a2.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b2.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
                n = DoubleVector.broadcast(S, cn[j + 3]);
                id = DoubleVector.broadcast(S, j + 3);
                s = a3.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b3.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
            }
            for (; j < k; j++) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector b0 = a0;
                for (int f = 0, t = base, p = j; f < d; f++, t += block, p += kPad) {
                    DoubleVector c0 = DoubleVector.broadcast(S, panel[p]);
                    a0 = DoubleVector.fromArray(S, tile, t).fma(c0, a0);
                    b0 = DoubleVector.fromArray(S, tile, t + L).fma(c0, b0);
                }
                DoubleVector n = DoubleVector.broadcast(S, cn[j]);
                DoubleVector id = DoubleVector.broadcast(S, j);
                DoubleVector s = a0.fma(MINUS_TWO, n);
                VectorMask<Double> m = s.compare(VectorOperators.LT, bestA);
                bestA = bestA.blend(s, m);
                idxA = idxA.blend(id, m);
                s = b0.fma(MINUS_TWO, n);
                m = s.compare(VectorOperators.LT, bestB);
                bestB = bestB.blend(s, m);
                idxB = idxB.blend(id, m);
            }
            DoubleVector distA = xnA.add(bestA).max(0.0);
            DoubleVector distB = xnB.add(bestB).max(0.0);
            DoubleVector limA = xnA.add(cnMax).mul(CANCELLATION);
            DoubleVector limB = xnB.add(cnMax).mul(CANCELLATION);
            int o = outOffset + i0 - from;
            distA.intoArray(best, 0);
            distB.intoArray(best, L);
            idxA.intoArray(index, 0);
            idxB.intoArray(index, L);
            limA.intoArray(limit, 0);
            limB.intoArray(limit, L);
            for (int r = 0; r < rows; r++) {
                int label = (int) index[r];
                double dist = best[r];
                if (dist < limit[r]) {
                    dist = squaredDistance(xd, x.offset(i0 + r), c.matrix().data(), c.matrix().offset(label), d, lanes);
                }
                labels[o + r] = label;
                distances[o + r] = dist;
            }
        }
    }

    private static void transpose(Matrix x, int i0, int rows, int[] rowOffsets, double[] tile) {
        int block = SimdPreparedMatrix.TILE_ROWS;
        int d = x.cols();
        double[] xd = x.data();
        for (int r = 0; r < rows; r++) {
            rowOffsets[r] = x.offset(i0 + r);
        }
        for (int f = 0; f < d; f++) {
            int t = f * block;
            for (int r = 0; r < rows; r++) {
                tile[t + r] = xd[rowOffsets[r] + f];
            }
            for (int r = rows; r < block; r++) {
                tile[t + r] = 0.0;
            }
        }
    }

    /**
     * Many features: centres in lanes, from the centres' panel, four rows per pass; the label comes
     * from a horizontal minimum per row and the distance is always recomputed directly (its d
     * operations are small next to the search's k·d).
     */
    private static void nearestAcrossCentres(Matrix x, int from, int to, SimdPreparedMatrix c, int[] labels,
                                             double[] distances, int outOffset) {
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
