package org.paraml.svm;

/**
 * One binary C-SVC: libsvm's {@code solve_c_svc} with scikit-learn's per-sample bounds. For points
 * with labels {@code y_i ∈ {+1, −1}} it solves
 *
 * <pre>
 *   min_α ½ Σ_ij α_i α_j y_i y_j K(x_i, x_j) − Σ_i α_i
 *   s.t.  Σ_i y_i α_i = 0,   0 ≤ α_i ≤ C_i,   C_i = w_i · (y_i = +1 ? Cp : Cn)
 * </pre>
 *
 * and returns the signed coefficients {@code y_i α_i} with the offset {@code rho} of
 * {@code f(x) = Σ_i y_i α_i K(x_i, x) − rho}.
 */
final class BinarySvc {
    private BinarySvc() {
    }

    /**
     * @param source   the kernel of the training input
     * @param rows     the points, as rows of the training input, in problem order
     * @param y        +1 or −1 per point
     * @param weight   the sample weight of each point (all {@code > 0})
     * @param cp       the bound factor of the +1 points
     * @param cn       the bound factor of the −1 points
     * @param settings solver settings
     * @param arrays   where the kernel cache takes its column arrays from and gives them back; or null
     * @param threads  the solve's thread budget (two or more: a second thread runs half of each step's loops)
     * @return the solution; {@link SolverResult#alpha()} holds {@code y_i α_i}
     */
    static SolverResult train(KernelSource source, int[] rows, byte[] y, double[] weight, double cp, double cn,
                              SolverSettings settings, ColumnArrays arrays, int threads) {
        int l = rows.length;
        double[] minusOnes = new double[l];
        double[] c = new double[l];
        for (int i = 0; i < l; i++) {
            minusOnes[i] = -1;
            c[i] = weight[i] * (y[i] > 0 ? cp : cn);
        }
        QMatrix q = new SvcQ(source.columns(rows), y, settings.cacheSizeMb(), arrays);
        SolverResult r;
        try {
            r = SmoSolver.solve(q, settings.ops(), minusOnes, y, new double[l], c, settings.tol(), settings.shrinking(),
                    settings.maxIter(), threads);
        } finally {
            q.release();
        }
        double[] alpha = r.alpha();
        for (int i = 0; i < l; i++) {
            alpha[i] *= y[i];
        }
        return r;
    }
}
