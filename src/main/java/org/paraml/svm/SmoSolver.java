package org.paraml.svm;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.paraml.backend.SmoOps;

/**
 * The SMO solver of libsvm (Fan, Chen and Lin, JMLR 6 (2005) 1889–1918, as in scikit-learn's copy of
 * libsvm) for the dual of C-SVC with one upper bound per variable:
 *
 * <pre>
 *   min_α  f(α) = ½ αᵀ Q α + pᵀ α
 *   s.t.   yᵀ α = Δ,   0 ≤ α_i ≤ C_i,   y_i ∈ {+1, −1}
 * </pre>
 *
 * <p>Each step picks a working pair by second-order selection (WSS3): {@code i} maximises
 * {@code −y_i ∇f_i} over {@code I_up(α)}; {@code j} minimises the second-order decrease
 * {@code −b²/a} over the {@code t ∈ I_low(α)} that violate the optimality condition with {@code i},
 * where {@code b = −y_i ∇f_i + y_t ∇f_t} and {@code a = Q_ii + Q_tt − 2 y_i y_t Q_it} (replaced by
 * τ = 1e-12 when not positive). The pair is solved analytically and clipped to the box. The solver
 * stops when {@code m(α) − M(α) < eps} (the maximal violation).
 *
 * <p>Shrinking (every {@code min(l, 1000)} steps) moves bounded variables that cannot change soon
 * out of the active set; the gradient of the removed variables is rebuilt from {@code G_bar} (the
 * gradient part due to variables at their upper bound) when the active set must grow back, once
 * at {@code 10·eps} and at the end.
 *
 * <p>The inner O(l) loops (gradient update, the two scans of the working-set selection, the
 * {@code G_bar} updates) run through {@link SmoOps}, which vectorises them when the Vector API is
 * present and returns the scalar loops' results bit for bit. For those scans the solver keeps the
 * membership of every position in {@code I_up} and {@code I_low} as two arrays of {@code ±1 / 0}
 * factors ({@code up[t] = −y_t}, {@code low[t] = y_t} for members), updated with the status.
 * Nothing is allocated per step.
 */
final class SmoSolver {
    /** Steps between two looks at the thread's interrupt status: a cancelled solve stops within as many. */
    static final int CANCEL_CHECK_STEPS = 1024;

    static final double TAU = 1e-12;

    private static final byte LOWER = 0;
    private static final byte UPPER = 1;
    private static final byte FREE = 2;

    private final int l;
    private final QMatrix q;
    private final SmoOps ops;
    private final double[] qd;
    private final double[] p;
    private final byte[] y;
    private final double[] alpha;
    private final double[] c;
    private final double[] g;
    private final double[] gBar;
    /**
     * Whether {@link #gBar} is kept up to date. It is read only to rebuild the gradient of shrunk
     * variables, so a solve without shrinking (the active set is always every variable) skips its
     * updates: one pass over a full column, and often the column itself, each time a variable
     * reaches or leaves its upper bound. The solve's arithmetic is unchanged.
     */
    private boolean tracksGBar;
    private final byte[] status;
    /** {@code −y_t} when t is in {@code I_up(α)}, else 0. */
    private final double[] up;
    /** {@code y_t} when t is in {@code I_low(α)}, else 0. */
    private final double[] low;
    /** The second scan's results: the largest w, and the chosen objective. */
    private final double[] gmax2Out = new double[2];
    /** The second thread that runs the upper part of each step's loops, or null. */
    private final SmoPartner partner;
    private final int[] activeSet;
    /** The {@code G_bar} updates of inactive positions not yet made. */
    private final GBarLog inactiveBar = new GBarLog();
    /**
     * Whether {@code G_bar}'s updates beyond the active positions are logged ({@link GBarLog}) rather than
     * made at each step from full columns: unless the cache holds the whole matrix, where a full column,
     * once computed, is read again for free (a search's small folds).
     */
    private final boolean logsInactiveBar;
    private final double eps;
    private int activeSize;
    private boolean unshrink;
    private int outI;
    private int outJ;
    /**
     * The first index of the next working-set selection when the last step found it while updating
     * the gradient (with a partner), else {@link #UNKNOWN}.
     */
    private int nextI = UNKNOWN;
    private static final int UNKNOWN = -2;

    private SmoSolver(QMatrix q, SmoOps ops, SmoPartner partner, double[] p, byte[] y, double[] alpha, double[] c,
                      double eps) {
        this.l = p.length;
        this.q = q;
        this.ops = ops;
        this.partner = partner;
        this.qd = q.diagonal();
        this.p = p.clone();
        this.y = y.clone();
        this.alpha = alpha.clone();
        this.c = c.clone();
        this.eps = eps;
        this.g = new double[l];
        this.gBar = new double[l];
        this.status = new byte[l];
        this.up = new double[l];
        this.low = new double[l];
        this.activeSet = new int[l];
        this.logsInactiveBar = !q.cachesWholeMatrix();
    }

    /**
     * Solves the problem. None of the arrays is modified; {@code q} is permuted (its positions end
     * in the solver's final order). With 2 or more threads and at least
     * {@link SmoPartner#MIN_POSITIONS} points, a second thread runs half of each step's loops (the
     * same result, bit for bit).
     *
     * @param q         the matrix {@code Q}, positions in the problem's order on entry
     * @param ops       the O(l) loops ({@link SmoOps#best()} or the scalar reference)
     * @param p         the linear term ({@code −1} for every variable of C-SVC)
     * @param y         labels, +1 or −1
     * @param alpha0    a feasible starting point
     * @param c         the upper bound of each variable
     * @param eps       the stopping tolerance ({@code tol})
     * @param shrinking whether to use the shrinking heuristic
     * @param maxIter   the most steps to take, or −1 for no limit
     * @param threads   the solve's thread budget
     */
    static SolverResult solve(QMatrix q, SmoOps ops, double[] p, byte[] y, double[] alpha0, double[] c, double eps,
                              boolean shrinking, int maxIter, int threads) {
        if (p.length < SmoPartner.MIN_POSITIONS || threads < 2) {
            return new SmoSolver(q, ops, null, p, y, alpha0, c, eps).run(shrinking, maxIter);
        }
        try (SmoPartner partner = SmoPartner.start(ops, threads)) {
            return new SmoSolver(q, ops, partner, p, y, alpha0, c, eps).run(shrinking, maxIter);
        }
    }

    private SolverResult run(boolean shrinking, int maxIter) {
        tracksGBar = shrinking;
        for (int i = 0; i < l; i++) {
            updateStatus(i);
            activeSet[i] = i;
        }
        activeSize = l;
        initGradient();

        int iter = 0;
        boolean timedOut = false;
        int counter = Math.min(l, 1000) + 1;
        while (true) {
            q.reuseColumnArrays(); // no column of the last step is read any more
            if ((iter & (CANCEL_CHECK_STEPS - 1)) == 0 && Thread.currentThread().isInterrupted()) {
                // a cancelled search interrupts its running fits: stop here rather than run the solve to its end
                throw new CancellationException("the SMO solve was interrupted after " + iter + " steps");
            }
            if (maxIter != -1 && iter >= maxIter) {
                timedOut = true;
                break;
            }
            if (--counter == 0) {
                counter = Math.min(l, 1000);
                if (shrinking) {
                    doShrinking();
                    nextI = UNKNOWN;
                }
            }
            if (!selectWorkingSet()) {
                reconstructGradient();
                activeSize = l;
                if (!selectWorkingSet()) {
                    break;
                }
                counter = 1;
            }
            ++iter;
            step(outI, outJ);
        }

        double rho = calculateRho();
        double v = 0;
        for (int i = 0; i < l; i++) {
            v += alpha[i] * (g[i] + p[i]);
        }
        double[] solution = new double[l];
        for (int i = 0; i < l; i++) {
            solution[activeSet[i]] = alpha[i];
        }
        return new SolverResult(solution, rho, v / 2, iter, timedOut);
    }

    private void initGradient() {
        System.arraycopy(p, 0, g, 0, l);
        Arrays.fill(gBar, 0);
        for (int i = 0; i < l; i++) {
            if (status[i] != LOWER) {
                float[] qi = q.column(i, l);
                ops.addScaled(g, qi, alpha[i], 0, l);
                if (tracksGBar && status[i] == UPPER) {
                    ops.addScaled(gBar, qi, c[i], 0, l);
                }
                q.reuseColumnArrays();
            }
        }
    }

    /** One SMO step on the pair (i, j): the analytic two-variable solution clipped to the box. */
    private void step(int i, int j) {
        float[] qi = q.column(i, activeSize, partner);
        float[] qj = q.column(j, activeSize, partner);
        double ci = c[i];
        double cj = c[j];
        double oldAi = alpha[i];
        double oldAj = alpha[j];

        if (y[i] != y[j]) {
            double quad = qd[i] + qd[j] + 2 * qi[j];
            if (quad <= 0) {
                quad = TAU;
            }
            double delta = (-g[i] - g[j]) / quad;
            double diff = alpha[i] - alpha[j];
            alpha[i] += delta;
            alpha[j] += delta;
            if (diff > 0) {
                if (alpha[j] < 0) {
                    alpha[j] = 0;
                    alpha[i] = diff;
                }
            } else if (alpha[i] < 0) {
                alpha[i] = 0;
                alpha[j] = -diff;
            }
            if (diff > ci - cj) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = ci - diff;
                }
            } else if (alpha[j] > cj) {
                alpha[j] = cj;
                alpha[i] = cj + diff;
            }
        } else {
            double quad = qd[i] + qd[j] - 2 * qi[j];
            if (quad <= 0) {
                quad = TAU;
            }
            double delta = (g[i] - g[j]) / quad;
            double sum = alpha[i] + alpha[j];
            alpha[i] -= delta;
            alpha[j] += delta;
            if (sum > ci) {
                if (alpha[i] > ci) {
                    alpha[i] = ci;
                    alpha[j] = sum - ci;
                }
            } else if (alpha[j] < 0) {
                alpha[j] = 0;
                alpha[i] = sum;
            }
            if (sum > cj) {
                if (alpha[j] > cj) {
                    alpha[j] = cj;
                    alpha[i] = sum - cj;
                }
            } else if (alpha[i] < 0) {
                alpha[i] = 0;
                alpha[j] = sum;
            }
        }

        double dai = alpha[i] - oldAi;
        double daj = alpha[j] - oldAj;
        boolean wasUpperI = status[i] == UPPER;
        boolean wasUpperJ = status[j] == UPPER;
        // the statuses first (they depend on α only), so that a split gradient update can also find
        // the next selection's first index in the same pass
        updateStatus(i);
        updateStatus(j);
        int n = activeSize;
        // G_bar follows the variables that reached or left their upper bound, over whole columns: updated in the
        // gradient's pass over the active positions (the same arithmetic as separate loops); beyond them at once
        // from the cache when it holds whole columns, else logged and made before the gradient is rebuilt
        // (GBarLog: the same bits either way)
        boolean barI = tracksGBar && wasUpperI != (status[i] == UPPER);
        boolean barJ = tracksGBar && wasUpperJ != (status[j] == UPPER);
        boolean atOnce = n < l && !logsInactiveBar;
        float[] fi = barI && atOnce ? q.column(i, l, partner) : qi;
        float[] fj = barJ && atOnce ? q.column(j, l, partner) : qj;
        double si = wasUpperI ? -ci : ci;
        double sj = wasUpperJ ? -cj : cj;
        if (splits(n)) {
            int mid = SmoPartner.split(n);
            partner.postUpdateAndArgmax(g, fi, dai, fj, daj, gBar, barI, si, barJ, sj, up, mid, n);
            ops.updateGradientAndBar(g, fi, dai, fj, daj, gBar, barI, si, barJ, sj, 0, mid);
            int lower = ops.argmaxUp(g, up, 0, mid);
            nextI = laterMaximum(lower, partner.awaitIndex());
        } else {
            ops.updateGradientAndBar(g, fi, dai, fj, daj, gBar, barI, si, barJ, sj, 0, n);
        }
        if (barI && n < l) {
            barBeyondActive(i, fi, si, atOnce);
        }
        if (barJ && n < l) {
            barBeyondActive(j, fj, sj, atOnce);
        }
    }

    /** {@code G_bar_k += s·Q_ik} for the inactive k: now from the full column {@code qi}, or logged. */
    private void barBeyondActive(int i, float[] qi, double s, boolean atOnce) {
        if (!atOnce) {
            inactiveBar.add(activeSet[i], s, activeSize);
        } else if (splits(l - activeSize)) {
            int mid = activeSize + SmoPartner.split(l - activeSize);
            partner.postAddScaled(gBar, qi, s, mid, l);
            ops.addScaled(gBar, qi, s, activeSize, mid);
            partner.await();
        } else {
            ops.addScaled(gBar, qi, s, activeSize, l);
        }
    }

    /** Whether the loops over {@code n} positions are split with the partner. */
    private boolean splits(int n) {
        return partner != null && n >= SmoPartner.MIN_POSITIONS && partner.available();
    }

    /** The arg-max over two parts from theirs: the upper part's index wins ties (the last of equal values). */
    private int laterMaximum(int lower, int upper) {
        if (upper == -1) {
            return lower;
        }
        return lower == -1 || up[upper] * g[upper] >= up[lower] * g[lower] ? upper : lower;
    }

    private void updateStatus(int i) {
        byte s;
        if (alpha[i] >= c[i]) {
            s = UPPER;
        } else if (alpha[i] <= 0) {
            s = LOWER;
        } else {
            s = FREE;
        }
        status[i] = s;
        double yi = y[i];
        // I_up: y = +1 below the upper bound, y = -1 above the lower bound; I_low the other way round
        up[i] = (y[i] == 1 ? s != UPPER : s != LOWER) ? -yi : 0;
        low[i] = (y[i] == 1 ? s != LOWER : s != UPPER) ? yi : 0;
    }

    /**
     * WSS3. Sets {@link #outI}, {@link #outJ} and returns true, or returns false when the active
     * set is optimal within {@code eps} (or no pair can decrease the objective).
     */
    private boolean selectWorkingSet() {
        final int n = activeSize;
        boolean split = splits(n);
        int mid = split ? SmoPartner.split(n) : n;
        int i = nextI;
        nextI = UNKNOWN;
        if (i == UNKNOWN) {
            if (split) {
                partner.postArgmax(g, up, mid, n);
                int lower = ops.argmaxUp(g, up, 0, mid);
                i = laterMaximum(lower, partner.awaitIndex());
            } else {
                i = ops.argmaxUp(g, up, 0, n);
            }
        }
        if (i == -1) {
            return false;
        }
        double gmax = up[i] * g[i];
        float[] qi = q.column(i, n, partner);
        double twoYi = 2.0 * y[i];
        if (split) {
            partner.postArgmin(g, low, qd, qi, gmax, qd[i], twoYi, TAU, mid, n);
        }
        int j = ops.argminSecondOrder(g, low, qd, qi, gmax, qd[i], twoYi, TAU, 0, mid, gmax2Out);
        if (split) {
            int upper = partner.awaitIndex();
            double[] r = partner.result();
            // the upper part wins ties, as the last of equal values
            if (r[0] >= gmax2Out[0]) {
                gmax2Out[0] = r[0];
            }
            if (upper != -1 && r[1] <= gmax2Out[1]) {
                j = upper;
                gmax2Out[1] = r[1];
            }
        }
        if (gmax + gmax2Out[0] < eps || j == -1) {
            return false;
        }
        outI = i;
        outJ = j;
        return true;
    }

    private boolean beShrunk(int i, double gmax1, double gmax2) {
        if (status[i] == UPPER) {
            return y[i] == 1 ? -g[i] > gmax1 : -g[i] > gmax2;
        }
        if (status[i] == LOWER) {
            return y[i] == 1 ? g[i] > gmax2 : g[i] > gmax1;
        }
        return false;
    }

    private void doShrinking() {
        double gmax1 = Double.NEGATIVE_INFINITY; // max { -y_i grad_i | i in I_up }
        double gmax2 = Double.NEGATIVE_INFINITY; // max {  y_i grad_i | i in I_low }
        for (int i = 0; i < activeSize; i++) {
            if (y[i] == 1) {
                if (status[i] != UPPER && -g[i] >= gmax1) {
                    gmax1 = -g[i];
                }
                if (status[i] != LOWER && g[i] >= gmax2) {
                    gmax2 = g[i];
                }
            } else {
                if (status[i] != UPPER && -g[i] >= gmax2) {
                    gmax2 = -g[i];
                }
                if (status[i] != LOWER && g[i] >= gmax1) {
                    gmax1 = g[i];
                }
            }
        }

        if (!unshrink && gmax1 + gmax2 <= eps * 10) {
            unshrink = true;
            reconstructGradient();
            activeSize = l;
        }

        for (int i = 0; i < activeSize; i++) {
            if (beShrunk(i, gmax1, gmax2)) {
                activeSize--;
                while (activeSize > i) {
                    if (!beShrunk(activeSize, gmax1, gmax2)) {
                        swapIndex(i, activeSize);
                        break;
                    }
                    activeSize--;
                }
            }
        }
    }

    private void swapIndex(int i, int j) {
        q.swap(i, j);
        swap(y, i, j);
        swap(g, i, j);
        swap(status, i, j);
        swap(alpha, i, j);
        swap(p, i, j);
        swap(up, i, j);
        swap(low, i, j);
        int t = activeSet[i];
        activeSet[i] = activeSet[j];
        activeSet[j] = t;
        swap(gBar, i, j);
        swap(c, i, j);
    }

    /** Rebuilds the gradient of the inactive variables from {@code G_bar} and the free variables. */
    private void reconstructGradient() {
        inactiveBar.apply(q, ops, gBar, activeSet);
        if (activeSize == l) {
            return;
        }
        for (int j = activeSize; j < l; j++) {
            g[j] = gBar[j] + p[j];
        }
        int nrFree = 0;
        for (int j = 0; j < activeSize; j++) {
            if (status[j] == FREE) {
                nrFree++;
            }
        }
        final int batch = 32;
        if ((long) nrFree * l > 2L * activeSize * (l - activeSize)) {
            // for each inactive i, sum over the free active j using column i's active part
            int[] idx = new int[batch];
            for (int from = activeSize; from < l; from += batch) {
                int n = Math.min(batch, l - from);
                for (int r = 0; r < n; r++) {
                    idx[r] = from + r;
                }
                float[][] cols = q.columns(idx, n, activeSize);
                for (int r = 0; r < n; r++) {
                    float[] qi = cols[r];
                    int i = from + r;
                    double gi = g[i];
                    for (int j = 0; j < activeSize; j++) {
                        if (status[j] == FREE) {
                            gi += alpha[j] * qi[j];
                        }
                    }
                    g[i] = gi;
                }
                q.reuseColumnArrays();
            }
        } else {
            int[] free = new int[nrFree];
            int f = 0;
            for (int i = 0; i < activeSize; i++) {
                if (status[i] == FREE) {
                    free[f++] = i;
                }
            }
            int[] idx = new int[batch];
            for (int from = 0; from < nrFree; from += batch) {
                int n = Math.min(batch, nrFree - from);
                System.arraycopy(free, from, idx, 0, n);
                float[][] cols = q.columns(idx, n, l);
                for (int r = 0; r < n; r++) {
                    ops.addScaled(g, cols[r], alpha[idx[r]], activeSize, l);
                }
                q.reuseColumnArrays();
            }
        }
    }

    private double calculateRho() {
        int nrFree = 0;
        double ub = Double.POSITIVE_INFINITY;
        double lb = Double.NEGATIVE_INFINITY;
        double sumFree = 0;
        for (int i = 0; i < activeSize; i++) {
            double yg = y[i] * g[i];
            if (status[i] == UPPER) {
                if (y[i] == -1) {
                    ub = Math.min(ub, yg);
                } else {
                    lb = Math.max(lb, yg);
                }
            } else if (status[i] == LOWER) {
                if (y[i] == 1) {
                    ub = Math.min(ub, yg);
                } else {
                    lb = Math.max(lb, yg);
                }
            } else {
                ++nrFree;
                sumFree += yg;
            }
        }
        return nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static void swap(byte[] a, int i, int j) {
        byte t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
