package org.paraml.svm;

/**
 * Platt's sigmoid for SVM probabilities, fitted by the Newton method with backtracking of Lin, Lin
 * and Weng, "A note on Platt's probabilistic outputs for support vector machines" (Machine Learning
 * 68, 2007), as libsvm's {@code sigmoid_train} and {@code sigmoid_predict}.
 *
 * <p>The model is {@code P(y = +1 | f) = 1 / (1 + exp(A·f + B))} for a decision value f. (A, B)
 * minimise the cross-entropy {@code −Σ_i t_i log p_i + (1 − t_i) log(1 − p_i)} against the
 * regularised targets {@code t_i = (N₊ + 1)/(N₊ + 2)} for positive points and {@code 1/(N₋ + 2)}
 * for negative ones, starting from {@code A = 0, B = log((N₋ + 1)/(N₊ + 1))}; at most 100 Newton
 * steps, with {@code 1e-12} added to the Hessian's diagonal, stopping when both gradient entries
 * are below {@code 1e-5} in magnitude, and halving the step down to {@code 1e-10} until the
 * sufficient-decrease condition {@code F(new) < F + 1e-4·step·⟨g, d⟩} holds.
 */
final class PlattScaling {
    private static final System.Logger LOG = System.getLogger(PlattScaling.class.getName());
    private static final int MAX_ITER = 100;
    private static final double MIN_STEP = 1e-10;
    private static final double SIGMA = 1e-12;
    private static final double EPS = 1e-5;

    private PlattScaling() {
    }

    /**
     * @param dec    decision values
     * @param labels +1 / −1 (positive values count as +1)
     * @return {@code {A, B}}
     */
    static double[] fit(double[] dec, double[] labels) {
        int l = dec.length;
        double prior1 = 0;
        double prior0 = 0;
        for (double v : labels) {
            if (v > 0) {
                prior1 += 1;
            } else {
                prior0 += 1;
            }
        }
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        double[] t = new double[l];
        double a = 0.0;
        double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        for (int i = 0; i < l; i++) {
            t[i] = labels[i] > 0 ? hiTarget : loTarget;
        }
        double fval = objective(dec, t, a, b);

        int iter;
        for (iter = 0; iter < MAX_ITER; iter++) {
            double h11 = SIGMA;
            double h22 = SIGMA;
            double h21 = 0.0;
            double g1 = 0.0;
            double g2 = 0.0;
            for (int i = 0; i < l; i++) {
                double fApB = dec[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
                    q = 1.0 / (1.0 + Math.exp(-fApB));
                } else {
                    p = 1.0 / (1.0 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1.0 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += dec[i] * dec[i] * d2;
                h22 += d2;
                h21 += dec[i] * d2;
                double d1 = t[i] - p;
                g1 += dec[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < EPS && Math.abs(g2) < EPS) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;

            double stepsize = 1;
            while (stepsize >= MIN_STEP) {
                double newA = a + stepsize * dA;
                double newB = b + stepsize * dB;
                double newf = objective(dec, t, newA, newB);
                if (newf < fval + 0.0001 * stepsize * gd) {
                    a = newA;
                    b = newB;
                    fval = newf;
                    break;
                }
                stepsize = stepsize / 2.0;
            }
            if (stepsize < MIN_STEP) {
                LOG.log(System.Logger.Level.DEBUG, "Line search fails in two-class probability estimates");
                break;
            }
        }
        if (iter >= MAX_ITER) {
            LOG.log(System.Logger.Level.DEBUG, "Reaching maximal iterations in two-class probability estimates");
        }
        return new double[] {a, b};
    }

    private static double objective(double[] dec, double[] t, double a, double b) {
        double f = 0.0;
        for (int i = 0; i < dec.length; i++) {
            double fApB = dec[i] * a + b;
            if (fApB >= 0) {
                f += t[i] * fApB + Math.log(1 + Math.exp(-fApB));
            } else {
                f += (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
            }
        }
        return f;
    }

    /** {@code 1 / (1 + exp(A·f + B))}, computed without cancellation for either sign of {@code A·f + B}. */
    static double predict(double f, double a, double b) {
        double fApB = f * a + b;
        if (fApB >= 0) {
            return Math.exp(-fApB) / (1.0 + Math.exp(-fApB));
        }
        return 1.0 / (1 + Math.exp(fApB));
    }
}
