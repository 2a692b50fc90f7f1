package org.paraml.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.KernelType;
import org.paraml.backend.Parallel;

/**
 * Kernel rows and blocks on the Vector API, in two phases per task (a group of output rows × a chunk
 * of output columns): inner products into a scratch block, then the kernel function applied
 * lane-wise to it.
 *
 * <ul>
 *   <li>Few features ({@code d <= }{@value #PANEL_MAX_FEATURES}): vectorised across output columns
 *       from the transposed panel of the column matrix, four output rows × two vectors of columns per
 *       pass (eight independent chains of fused multiply-adds, so that their latency overlaps), so
 *       every lane does useful work even with 4 features.</li>
 *   <li>Many features: vectorised along features, four output rows × two columns per pass (eight
 *       accumulators, so each loaded vector feeds two or four fused multiply-adds), reduced once.</li>
 * </ul>
 * rbf uses {@code ‖x‖² + ‖y‖² − 2⟨x, y⟩} with precomputed norms, clamped at 0.
 */
final class SimdKernels {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Floats of half the shape of {@link #S}: one double vector converts into one of these. */
    static final VectorSpecies<Float> F = VectorSpecies.of(float.class, VectorShape.forBitSize(Math.max(64, S.vectorBitSize() / 2)));
    /** Up to this many features the panel (across-rows) path is used. */
    static final int PANEL_MAX_FEATURES = 32;
    /** Output rows per task (a batch of 16 rows reads the column matrix once). */
    static final int ROW_GROUP = 16;
    /**
     * Bytes of column rows one task reads along features: about half an L2 cache, so that those rows
     * stay cached while each block of four output rows passes over them.
     */
    static final int COLUMN_BYTES = 1 << 19;
    /** Output columns per task, a multiple of four vectors: a row's whole passes stay within its slot of the scratch. */
    static final int COLUMN_CHUNK = Math.max(4 * L, 1024 / (4 * L) * (4 * L));
    /**
     * Values after a panel's last feature: the inner-product loops run whole passes of two or four vectors, past
     * a chunk's last column (into the next feature's rows, or this slack after the last feature), so that they
     * have no remainder loop. A remainder loop first taken mid-fit (the first column whose width is not a whole
     * pass) sent the compiled column loop back to the interpreter (bench/RESULTS.md, session 25).
     */
    static final int PANEL_SLACK = 4 * L;

    private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[ROW_GROUP * COLUMN_CHUNK]);
    /** The rbf exponents of one row of a chunk, kept for the rare fix-up of exponents below −708 (see applyRbf). */
    private static final ThreadLocal<double[]> EXPONENTS = ThreadLocal.withInitial(() -> new double[COLUMN_CHUNK]);

    private SimdKernels() {
    }

    /**
     * For r &lt; nRows, from &lt;= j &lt; len: {@code K(a_{rows[r]}, b_j)} (rows null: {@code rows[r] = r})
     * into {@code dOut} or, when it is null, {@code fOut}, at {@code outOffset + r·outStride + j}.
     * The column chunks start at {@code from} rounded down to whole vectors; the values of the
     * columns before {@code from} are computed with them but not written.
     */
    static void rows(KernelSpec kernel, SimdPreparedMatrix a, int[] rows, int nRows, SimdPreparedMatrix b, int from,
                     int len, double[] dOut, float[] fOut, int outOffset, int outStride, int threads) {
        if (nRows == 0 || len <= from) {
            return;
        }
        int base = from - from % L;
        int groups = (nRows + ROW_GROUP - 1) / ROW_GROUP;
        double[] panel = b.cols() <= PANEL_MAX_FEATURES ? b.panel() : null;
        // rbf: norms summed as the inner products are, so that K(x, x) is exactly 1
        boolean fused = kernel.type() == KernelType.RBF;
        double[] aNorms = fused ? a.fusedNormsPadded() : a.squaredNorms();
        double[] bNorms = fused ? b.fusedNormsPadded() : b.normsPadded();
        int columns = panel != null ? COLUMN_CHUNK
                : Math.max(L, Math.min(COLUMN_CHUNK, COLUMN_BYTES / (Double.BYTES * b.cols()) / L * L));
        int chunks = (len - base + columns - 1) / columns;
        long work = (long) nRows * (len - base) * Math.max(1, b.cols());
        Parallel.forEach(groups * chunks, Parallel.threadsFor(work, threads), t -> {
            int r0 = (t / chunks) * ROW_GROUP;
            int r1 = Math.min(nRows, r0 + ROW_GROUP);
            int c0 = base + (t % chunks) * columns;
            int c1 = Math.min(len, c0 + columns);
            int skip = Math.max(0, from - c0);
            double[] scratch = SCRATCH.get();
            double[] exponents = fused ? EXPONENTS.get() : null;
            if (panel != null) {
                panelDots(a, rows, r0, r1, b, panel, c0, c1, scratch);
            } else {
                rowDots(a, rows, r0, r1, b, c0, c1, scratch);
            }
            for (int r = r0; r < r1; r++) {
                int s = (r - r0) * COLUMN_CHUNK;
                double ni = aNorms[row(rows, r)];
                apply(kernel, scratch, s, c1 - c0, bNorms, c0, ni, exponents);
                int o = outOffset + r * outStride + c0 + skip;
                if (dOut != null) {
                    System.arraycopy(scratch, s + skip, dOut, o, c1 - c0 - skip);
                } else {
                    toFloat(scratch, s + skip, fOut, o, c1 - c0 - skip);
                }
            }
        });
    }

    /**
     * {@code out[o + j] = (float) s[off + j]} for j &lt; count (round to nearest, as the cast). The last vector
     * overlaps the one before when count is not a whole number of vectors (the overlapped values are written twice,
     * the same both times): no scalar tail to be taken for the first time mid-fit, except for a count under one
     * vector.
     */
    private static void toFloat(double[] s, int off, float[] out, int o, int count) {
        if (count < L) {
            for (int j = 0; j < count; j++) {
                out[o + j] = (float) s[off + j];
            }
            return;
        }
        for (int j = 0; j < count; j += L) {
            int at = Math.min(j, count - L);
            ((FloatVector) DoubleVector.fromArray(S, s, off + at).convertShape(VectorOperators.D2F, F, 0))
                    .intoArray(out, o + at);
        }
    }

    private static int row(int[] rows, int r) {
        return rows == null ? r : rows[r];
    }

    /**
     * {@code scratch[(r−r0)·COLUMN_CHUNK + j − c0] = ⟨a_{rows[r]}, b_j⟩} for r in [r0, r1) and j in
     * [c0, c1), vectorised across j from the panel of b. The loops run whole passes (two vectors for groups of four
     * rows, four for single rows), so the scratch also receives values past c1, up to the pass's end, that are not
     * inner products of anything and are never read.
     */
    private static void panelDots(SimdPreparedMatrix a, int[] rows, int r0, int r1, SimdPreparedMatrix b,
                                  double[] panel, int c0, int c1, double[] scratch) {
        int d = b.cols();
        int stride = b.paddedRows();
        // whole passes of two (four rows) or four (one row) vectors: the values past c1 are computed and not used
        int end2 = c0 + (c1 - c0 + 2 * L - 1) / (2 * L) * (2 * L);
        int end4 = c0 + (c1 - c0 + 4 * L - 1) / (4 * L) * (4 * L);
        double[] ad = a.matrix().data();
        int r = r0;
        for (; r + 4 <= r1; r += 4) {
            int o0 = a.matrix().offset(row(rows, r));
            int o1 = a.matrix().offset(row(rows, r + 1));
            int o2 = a.matrix().offset(row(rows, r + 2));
            int o3 = a.matrix().offset(row(rows, r + 3));
            int s0 = (r - r0) * COLUMN_CHUNK - c0;
            int j = c0;
            // two vectors of columns per pass: eight independent chains of fused multiply-adds, so that
            // the chains' latency (d dependent FMAs each) overlaps
            for (; j < end2; j += 2 * L) {
                DoubleVector a0 = DoubleVector.zero(S);
                DoubleVector a1 = a0;
                DoubleVector a2 = a0;
                DoubleVector a3 = a0;
                DoubleVector b0 = a0;
                DoubleVector b1 = a0;
                DoubleVector b2 = a0;
                DoubleVector b3 = a0;
                for (int f = 0, p = j; f < d; f++, p += stride) {
                    DoubleVector t = DoubleVector.fromArray(S, panel, p);
                    DoubleVector u = DoubleVector.fromArray(S, panel, p + L);
                    DoubleVector x0 = DoubleVector.broadcast(S, ad[o0 + f]);
                    a0 = t.fma(x0, a0);
                    b0 = u.fma(x0, b0);
                    DoubleVector x1 = DoubleVector.broadcast(S, ad[o1 + f]);
                    a1 = t.fma(x1, a1);
                    b1 = u.fma(x1, b1);
                    DoubleVector x2 = DoubleVector.broadcast(S, ad[o2 + f]);
                    a2 = t.fma(x2, a2);
                    b2 = u.fma(x2, b2);
                    DoubleVector x3 = DoubleVector.broadcast(S, ad[o3 + f]);
                    a3 = t.fma(x3, a3);
                    b3 = u.fma(x3, b3);
                }
                a0.intoArray(scratch, s0 + j);
                b0.intoArray(scratch, s0 + j + L);
                a1.intoArray(scratch, s0 + COLUMN_CHUNK + j);
                b1.intoArray(scratch, s0 + COLUMN_CHUNK + j + L);
                a2.intoArray(scratch, s0 + 2 * COLUMN_CHUNK + j);
                b2.intoArray(scratch, s0 + 2 * COLUMN_CHUNK + j + L);
                a3.intoArray(scratch, s0 + 3 * COLUMN_CHUNK + j);
                b3.intoArray(scratch, s0 + 3 * COLUMN_CHUNK + j + L);
            }
        }
        for (; r < r1; r++) {
            int o0 = a.matrix().offset(row(rows, r));
            int s0 = (r - r0) * COLUMN_CHUNK - c0;
            int j = c0;
            // one row (an SMO solver asks for one column at a time): four vectors of columns per pass, so
            // that four independent chains of fused multiply-adds hide their latency
            for (; j < end4; j += 4 * L) {
                DoubleVector acc0 = DoubleVector.zero(S);
                DoubleVector acc1 = acc0;
                DoubleVector acc2 = acc0;
                DoubleVector acc3 = acc0;
                for (int f = 0, p = j; f < d; f++, p += stride) {
                    DoubleVector x = DoubleVector.broadcast(S, ad[o0 + f]);
                    acc0 = DoubleVector.fromArray(S, panel, p).fma(x, acc0);
                    acc1 = DoubleVector.fromArray(S, panel, p + L).fma(x, acc1);
                    acc2 = DoubleVector.fromArray(S, panel, p + 2 * L).fma(x, acc2);
                    acc3 = DoubleVector.fromArray(S, panel, p + 3 * L).fma(x, acc3);
                }
                acc0.intoArray(scratch, s0 + j);
                acc1.intoArray(scratch, s0 + j + L);
                acc2.intoArray(scratch, s0 + j + 2 * L);
                acc3.intoArray(scratch, s0 + j + 3 * L);
            }
        }
    }

    /**
     * {@code scratch[(r−r0)·COLUMN_CHUNK + j − c0] = ⟨a_{rows[r]}, b_j⟩} for r in [r0, r1) and j in
     * [c0, c1), vectorised along features, 4 rows × 2 columns per pass.
     */
    private static void rowDots(SimdPreparedMatrix a, int[] rows, int r0, int r1, SimdPreparedMatrix b,
                                int c0, int c1, double[] scratch) {
        int d = b.cols();
        int bound = S.loopBound(d);
        double[] ad = a.matrix().data();
        double[] bd = b.matrix().data();
        int r = r0;
        for (; r + 4 <= r1; r += 4) {
            int o0 = a.matrix().offset(row(rows, r));
            int o1 = a.matrix().offset(row(rows, r + 1));
            int o2 = a.matrix().offset(row(rows, r + 2));
            int o3 = a.matrix().offset(row(rows, r + 3));
            int s0 = (r - r0) * COLUMN_CHUNK - c0;
            int j = c0;
            for (; j + 2 <= c1; j += 2) {
                int p0 = b.matrix().offset(j);
                int p1 = b.matrix().offset(j + 1);
                DoubleVector a00 = DoubleVector.zero(S);
                DoubleVector a01 = a00;
                DoubleVector a10 = a00;
                DoubleVector a11 = a00;
                DoubleVector a20 = a00;
                DoubleVector a21 = a00;
                DoubleVector a30 = a00;
                DoubleVector a31 = a00;
                for (int f = 0; f < bound; f += L) {
                    DoubleVector y0 = DoubleVector.fromArray(S, bd, p0 + f);
                    DoubleVector y1 = DoubleVector.fromArray(S, bd, p1 + f);
                    DoubleVector x = DoubleVector.fromArray(S, ad, o0 + f);
                    a00 = x.fma(y0, a00);
                    a01 = x.fma(y1, a01);
                    x = DoubleVector.fromArray(S, ad, o1 + f);
                    a10 = x.fma(y0, a10);
                    a11 = x.fma(y1, a11);
                    x = DoubleVector.fromArray(S, ad, o2 + f);
                    a20 = x.fma(y0, a20);
                    a21 = x.fma(y1, a21);
                    x = DoubleVector.fromArray(S, ad, o3 + f);
                    a30 = x.fma(y0, a30);
                    a31 = x.fma(y1, a31);
                }
                scratch[s0 + j] = finish(a00, ad, o0, bd, p0, bound, d);
                scratch[s0 + j + 1] = finish(a01, ad, o0, bd, p1, bound, d);
                scratch[s0 + COLUMN_CHUNK + j] = finish(a10, ad, o1, bd, p0, bound, d);
                scratch[s0 + COLUMN_CHUNK + j + 1] = finish(a11, ad, o1, bd, p1, bound, d);
                scratch[s0 + 2 * COLUMN_CHUNK + j] = finish(a20, ad, o2, bd, p0, bound, d);
                scratch[s0 + 2 * COLUMN_CHUNK + j + 1] = finish(a21, ad, o2, bd, p1, bound, d);
                scratch[s0 + 3 * COLUMN_CHUNK + j] = finish(a30, ad, o3, bd, p0, bound, d);
                scratch[s0 + 3 * COLUMN_CHUNK + j + 1] = finish(a31, ad, o3, bd, p1, bound, d);
            }
            for (; j < c1; j++) {
                int p0 = b.matrix().offset(j);
                scratch[s0 + j] = dot(ad, o0, bd, p0, bound, d);
                scratch[s0 + COLUMN_CHUNK + j] = dot(ad, o1, bd, p0, bound, d);
                scratch[s0 + 2 * COLUMN_CHUNK + j] = dot(ad, o2, bd, p0, bound, d);
                scratch[s0 + 3 * COLUMN_CHUNK + j] = dot(ad, o3, bd, p0, bound, d);
            }
        }
        for (; r < r1; r++) {
            int o0 = a.matrix().offset(row(rows, r));
            int s0 = (r - r0) * COLUMN_CHUNK - c0;
            for (int j = c0; j < c1; j++) {
                scratch[s0 + j] = dot(ad, o0, bd, b.matrix().offset(j), bound, d);
            }
        }
    }

    /** {@code ⟨x, y⟩} over d features, as {@link #rowDots} computes it (for norms that agree with it). */
    static double dotAlongFeatures(double[] xd, int ox, double[] yd, int oy, int d) {
        return dot(xd, ox, yd, oy, S.loopBound(d), d);
    }

    /** {@code ⟨x, y⟩} with the same arithmetic as one accumulator of {@link #rowDots}. */
    private static double dot(double[] xd, int ox, double[] yd, int oy, int bound, int d) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int f = 0; f < bound; f += L) {
            acc = DoubleVector.fromArray(S, xd, ox + f).fma(DoubleVector.fromArray(S, yd, oy + f), acc);
        }
        return finish(acc, xd, ox, yd, oy, bound, d);
    }

    /** Reduces an accumulator and adds the scalar tail {@code f in [bound, d)}. */
    private static double finish(DoubleVector acc, double[] xd, int ox, double[] yd, int oy, int bound, int d) {
        double s = acc.reduceLanes(VectorOperators.ADD);
        for (int f = bound; f < d; f++) {
            s += xd[ox + f] * yd[oy + f];
        }
        return s;
    }

    /**
     * Replaces the inner products {@code s[off .. off+count)} (count rounded up to whole vectors;
     * the extra lanes are scratch) by kernel values, column j's norm at {@code normsPadded[j0 + j]}
     * and the row's norm {@code ni}.
     */
    private static void apply(KernelSpec kernel, double[] s, int off, int count, double[] normsPadded, int j0,
                              double ni, double[] exponents) {
        int end = (count + L - 1) / L * L;
        // one method per kernel type, each loop its own compilation: with all four in one method, C2's inlining
        // budget ran out before the rbf loop's exp and the poly loops, and their vectors were boxed
        switch (kernel.type()) {
            case LINEAR -> {
            }
            case POLY -> applyPoly(s, off, end, kernel.gamma(), kernel.coef0(), kernel.degree());
            case RBF -> {
                if (applyRbf(s, off, end, normsPadded, j0, ni, kernel.gamma(), exponents)) {
                    belowOneFactor(s, off, end, exponents);
                }
            }
            case SIGMOID -> applySigmoid(s, off, end, kernel.gamma(), kernel.coef0());
        }
    }

    /** {@code s[off + j] = (γ·s[off + j] + coef0)^degree} for j &lt; end. */
    private static void applyPoly(double[] s, int off, int end, double gamma, double coef0, int degree) {
        // base^degree with libsvm's products (powi: the squares b, b², b⁴, … multiplied into the result
        // from the lowest set bit up), one loop per common degree with the products written out: a
        // helper taking the vector stays out of line when this method is recompiled for poly after
        // another kernel (a search's rbf candidates first), and JDK 17 then boxed every vector
        // (320 KB a row of 10,000, 4-5 times the time)
        switch (degree) {
            case 1 -> {
                for (int j = 0; j < end; j += L) {
                    DoubleVector.fromArray(S, s, off + j).fma(gamma, coef0).intoArray(s, off + j);
                }
            }
            case 2 -> {
                for (int j = 0; j < end; j += L) {
                    DoubleVector b = DoubleVector.fromArray(S, s, off + j).fma(gamma, coef0);
                    b.mul(b).intoArray(s, off + j);
                }
            }
            case 3 -> {
                for (int j = 0; j < end; j += L) {
                    DoubleVector b = DoubleVector.fromArray(S, s, off + j).fma(gamma, coef0);
                    b.mul(b.mul(b)).intoArray(s, off + j);
                }
            }
            case 4 -> {
                for (int j = 0; j < end; j += L) {
                    DoubleVector b = DoubleVector.fromArray(S, s, off + j).fma(gamma, coef0);
                    DoubleVector b2 = b.mul(b);
                    b2.mul(b2).intoArray(s, off + j);
                }
            }
            default -> {
                // degree 0 or above 4 (rare): the same products, one value at a time
                for (int j = off; j < off + end; j++) {
                    s[j] = KernelSpec.powi(Math.fma(s[j], gamma, coef0), degree);
                }
            }
        }
    }

    /**
     * {@code s[off + j] = exp(−γ·max(0, ‖x_j‖² + ni − 2·s[off + j]))} for j &lt; end, column j's norm at
     * {@code normsPadded[j0 + j]}: {@link SimdExp#exp} operation for operation, but for exponents below
     * {@link SimdExp#EXP_ONE_FACTOR_LOWEST} (results that may be subnormal), which get exp(−708) here: returns whether
     * there were any, their exponents in {@code exponents[j]}, for {@link #belowOneFactor} to redo. Without a branch
     * in the loop: one first taken after C2 compiled it sent the loop back to the interpreter for ~0.5 s of a cold
     * fit; the caller's branch, when first taken, costs a recompilation of a short method.
     */
    private static boolean applyRbf(double[] s, int off, int end, double[] normsPadded, int j0, double ni,
                                    double gamma, double[] exponents) {
        double minusGamma = -gamma;
        DoubleVector below = DoubleVector.zero(S);
        for (int j = 0; j < end; j += L) {
            DoubleVector dot = DoubleVector.fromArray(S, s, off + j);
            DoubleVector nj = DoubleVector.fromArray(S, normsPadded, j0 + j);
            // clamp rounding below zero: a compare and a blend (Java's max is a five-instruction
            // sequence on AVX2 for its −0.0 rule, and the difference here is never −0.0: norms are ≥ +0)
            DoubleVector d2 = nj.add(ni).sub(dot.add(dot));
            DoubleVector sq = d2.blend(0.0, d2.compare(VectorOperators.LT, 0.0));
            DoubleVector a = sq.mul(minusGamma);
            a.intoArray(exponents, j);
            VectorMask<Double> low = a.compare(VectorOperators.LT, SimdExp.EXP_ONE_FACTOR_LOWEST);
            below = below.blend(1.0, low);
            a = a.blend(SimdExp.EXP_ONE_FACTOR_LOWEST, low);
            DoubleVector k = a.fma(SimdExp.LOG2_E, SimdExp.ROUNDER);
            DoubleVector n = k.sub(SimdExp.ROUNDER);
            DoubleVector r = n.fma(ExpVectors.MINUS_LN2_LO, n.fma(ExpVectors.MINUS_LN2_HI, a));
            DoubleVector p = r.fma(SimdExp.C13, SimdExp.C12).fma(r, ExpVectors.C11).fma(r, ExpVectors.C10)
                    .fma(r, ExpVectors.C9).fma(r, ExpVectors.C8).fma(r, ExpVectors.C7).fma(r, ExpVectors.C6)
                    .fma(r, ExpVectors.C5).fma(r, ExpVectors.C4).fma(r, ExpVectors.C3).fma(r, ExpVectors.C2)
                    .fma(r, ExpVectors.ONE).fma(r, ExpVectors.ONE);
            // from −708 on, 2ⁿ and the result are normal: one factor gives SimdExp.exp's two factors' bits
            p.mul(k.reinterpretAsLongs().sub(SimdExp.ROUNDER_BITS).add(1023).lanewise(VectorOperators.LSHL, 52)
                    .reinterpretAsDoubles()).intoArray(s, off + j);
        }
        return below.compare(VectorOperators.NE, 0.0).anyTrue();
    }

    /** Redoes {@link #applyRbf}'s values whose exponents were below −708 with {@link SimdExp#exp} (rare). */
    private static void belowOneFactor(double[] s, int off, int end, double[] exponents) {
        for (int j = 0; j < end; j++) {
            if (exponents[j] < SimdExp.EXP_ONE_FACTOR_LOWEST) {
                s[off + j] = SimdExp.exp(exponents[j]);
            }
        }
    }

    /** {@code s[off + j] = tanh(γ·s[off + j] + coef0)} for j &lt; end. */
    private static void applySigmoid(double[] s, int off, int end, double gamma, double coef0) {
        // tanh(x) as fdlibm's tanh (Java's StrictMath.tanh) computes it, on SimdExp's expm1: x
        // itself when |x| < 2^-55 (signed zeros kept), -t/(t + 2) with t = expm1(-2|x|) below 1,
        // 1 - 2/(t + 2) with t = expm1(2|x|) below 22, 1 from 22 on, then the sign of x; NaN stays NaN.
        // Within 3 units in the last place of StrictMath.tanh. The Vector API's TANH has no compiled
        // form on AVX2 (it ran Math.tanh lane by lane: ~37 ns a value, 15 times an rbf value; this
        // is ~6 ns). Written out in the loop: a helper C2 leaves out of line would box every vector.
        DoubleVector one = ExpVectors.ONE;
        DoubleVector two = DoubleVector.broadcast(S, 2.0);
        for (int j = 0; j < end; j += L) {
            DoubleVector x = DoubleVector.fromArray(S, s, off + j).fma(gamma, coef0);
            DoubleVector ax = x.abs();
            VectorMask<Double> belowOne = ax.compare(VectorOperators.LT, 1.0);
            DoubleVector twoAx = ax.add(ax);
            // t = expm1(a) as SimdExp.expm1 computes it, operation for operation; a is at most 44 in the
            // lanes that use t (−2 < a ≤ 0 below 1, 2 ≤ a < 44 below 22), the rest are blended away
            DoubleVector a = twoAx.blend(twoAx.neg(), belowOne);
            a = a.blend(SimdExp.EXPM1_LOWEST, a.compare(VectorOperators.LT, SimdExp.EXPM1_LOWEST));
            DoubleVector k = a.fma(SimdExp.LOG2_E, SimdExp.ROUNDER);
            DoubleVector n = k.sub(SimdExp.ROUNDER);
            DoubleVector r = n.fma(ExpVectors.MINUS_LN2_LO, n.fma(ExpVectors.MINUS_LN2_HI, a));
            DoubleVector e = r.fma(SimdExp.C13, SimdExp.C12).fma(r, ExpVectors.C11).fma(r, ExpVectors.C10)
                    .fma(r, ExpVectors.C9).fma(r, ExpVectors.C8).fma(r, ExpVectors.C7).fma(r, ExpVectors.C6)
                    .fma(r, ExpVectors.C5).fma(r, ExpVectors.C4).fma(r, ExpVectors.C3).fma(r, ExpVectors.C2)
                    .mul(r).fma(r, r);
            DoubleVector sn = k.reinterpretAsLongs().sub(SimdExp.ROUNDER_BITS).add(1023)
                    .lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector t = sn.fma(e, sn.sub(1.0));
            // one division for both branches: (-t or 2)/(t + 2), then 1 - that from 1 on
            DoubleVector q = two.blend(t.neg(), belowOne).div(t.add(two));
            DoubleVector z = one.sub(q).blend(q, belowOne).blend(one, ax.compare(VectorOperators.GE, 22.0));
            z.blend(z.neg(), x.compare(VectorOperators.LT, 0.0)).blend(x, ax.compare(VectorOperators.LT, 0x1p-55))
                    .intoArray(s, off + j);
        }
    }

    /**
     * {@link SimdExp}'s constants as vectors, for the fused multiply-adds whose both operands are vectors (static
     * finals: C2 folds them into the loops).
     */
    private static final class ExpVectors {
        static final DoubleVector ONE = DoubleVector.broadcast(S, 1.0);
        static final DoubleVector MINUS_LN2_HI = DoubleVector.broadcast(S, -SimdExp.LN2_HI);
        static final DoubleVector MINUS_LN2_LO = DoubleVector.broadcast(S, -SimdExp.LN2_LO);
        static final DoubleVector C2 = DoubleVector.broadcast(S, SimdExp.C2);
        static final DoubleVector C3 = DoubleVector.broadcast(S, SimdExp.C3);
        static final DoubleVector C4 = DoubleVector.broadcast(S, SimdExp.C4);
        static final DoubleVector C5 = DoubleVector.broadcast(S, SimdExp.C5);
        static final DoubleVector C6 = DoubleVector.broadcast(S, SimdExp.C6);
        static final DoubleVector C7 = DoubleVector.broadcast(S, SimdExp.C7);
        static final DoubleVector C8 = DoubleVector.broadcast(S, SimdExp.C8);
        static final DoubleVector C9 = DoubleVector.broadcast(S, SimdExp.C9);
        static final DoubleVector C10 = DoubleVector.broadcast(S, SimdExp.C10);
        static final DoubleVector C11 = DoubleVector.broadcast(S, SimdExp.C11);

        private ExpVectors() {
        }
    }
}
