package org.paraml.svm;

/**
 * Class probabilities from pairwise ones: method 2 of Wu, Lin and Weng, "Probability estimates for
 * multi-class classification by pairwise coupling" (JMLR 5, 2004), as libsvm's
 * {@code multiclass_probability}.
 *
 * <p>Given {@code r_ij ≈ P(y = i | y ∈ {i, j})}, it finds p on the simplex minimising
 * {@code Σ_i Σ_{j≠i} (r_ji p_i − r_ij p_j)²}, i.e. {@code min pᵀQp} with
 * {@code Q_tt = Σ_{j≠t} r_jt²} and {@code Q_tj = −r_jt r_tj}, by the fixed-point iteration
 * {@code p_t ← p_t + (pᵀQp − (Qp)_t)/Q_tt} followed by renormalisation, starting from the
 * uniform distribution; it stops when {@code max_t |(Qp)_t − pᵀQp| < 0.005/k} or after
 * {@code max(100, k)} sweeps. (scikit-learn's libsvm runs it for two classes as well.)
 */
final class PairwiseCoupling {
    private static final System.Logger LOG = System.getLogger(PairwiseCoupling.class.getName());

    private PairwiseCoupling() {
    }

    /**
     * @param k number of classes
     * @param r {@code k × k} pairwise probabilities, {@code r[i][j] + r[j][i] = 1} (diagonal unused)
     * @param p output, {@code k} class probabilities
     */
    static void couple(int k, double[][] r, double[] p) {
        int maxIter = Math.max(100, k);
        double[][] q = new double[k][k];
        double[] qp = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            q[t][t] = 0;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        int iter;
        for (iter = 0; iter < maxIter; iter++) {
            double pQp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                double error = Math.abs(qp[t] - pQp);
                if (error > maxError) {
                    maxError = error;
                }
            }
            if (maxError < eps) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pQp) / q[t][t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= (1 + diff);
                }
            }
        }
        if (iter >= maxIter) {
            LOG.log(System.Logger.Level.DEBUG, "Exceeds max_iter in multiclass_prob");
        }
    }
}
