package org.paraml.svm;

/**
 * An SVC's labels for rows of a search's data, from the float32 kernel values of the search's
 * {@link SharedGram} instead of float64 kernel values computed again: the pair decision values
 * {@code f = Σ_t c_t K(x, sv_t) − ρ} are summed, in {@link OneVsOne#decisionValues}' order, from
 * {@code K32 = (float) K}, and a row keeps that vote only when every pair's sign is certain; the other
 * rows are predicted as {@link SVCModel#predict} predicts them. So the labels are the model's own.
 *
 * <p><b>Why the sign is certain.</b> With {@code A = Σ|c_t·K32_t|} and {@code C = Σ|c_t|} over the
 * {@code m} terms of a pair: rounding to float32 moves each kernel value by at most
 * {@code 2^-24·|K| + 2^-150} (subnormals included), and each float64 sum of products is within
 * {@code (m + 1)·2^-53} of its exact value relative to the sum of magnitudes. So the model's sum and
 * this one differ by at most {@code B = 2^-23·A + 2^-149·C + 2.01·(m + 1)·2^-53·A} (first order). The
 * test uses {@code 2^-20·A + 2^-140·C + 4·(m + 1)·2^-53·A}, eight times that: room for a kernel value
 * whose float64 form another backend computes a few units in the last place apart. When
 * {@code |Σ − ρ| > B} the model's {@code Σ − ρ} has the same sign and is not zero, so libsvm's vote
 * ({@code f > 0} for the pair's first class) is the same.
 */
final class SharedPredictions {
    private static final double RELATIVE = 0x1p-20;
    private static final double ABSOLUTE = 0x1p-140;
    private static final double SUM = 4 * 0x1p-53;

    private SharedPredictions() {
    }

    /**
     * The vote of each test row, or −1 where a pair's sign is not certain.
     *
     * @param gram     the shared matrix of the model's kernel
     * @param testRows the data rows to predict
     * @param svRows   the data row of each support vector, in the model's order
     * @param nSupport support vectors per class
     * @param svCoef   libsvm's coefficients ({@code svCoef[j − 1]} and {@code svCoef[i]} for pair (i, j))
     * @param rho      ρ of each pair
     * @param threads  the thread budget for rows still to compute
     * @return the index of the winning class of each row, or −1
     */
    static int[] votes(SharedGram gram, int[] testRows, int[] svRows, int[] nSupport, double[][] svCoef,
                       double[] rho, int threads) {
        int k = nSupport.length;
        int pairs = OneVsOne.pairs(k);
        int nsv = svRows.length;
        int[] svAt = new int[nsv];
        for (int s = 0; s < nsv; s++) {
            svAt[s] = gram.position(svRows[s]);
        }
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + nSupport[i - 1];
        }
        // Σ|c_t| of each pair: the bound's absolute term, the same for every row
        double[] coefSums = new double[pairs];
        for (int i = 0, q = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, q++) {
                for (int t = start[i], end = t + nSupport[i]; t < end; t++) {
                    coefSums[q] += Math.abs(svCoef[j - 1][t]);
                }
                for (int t = start[j], end = t + nSupport[j]; t < end; t++) {
                    coefSums[q] += Math.abs(svCoef[i][t]);
                }
            }
        }
        int n = testRows.length;
        int[] out = new int[n];
        double[] dec = new double[pairs];
        int batch = SharedGram.BATCH_ROWS;
        int[] idx = new int[batch];
        int[] offsets = new int[batch];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            for (int r = 0; r < count; r++) {
                idx[r] = gram.position(testRows[from + r]);
            }
            float[][] rows = gram.rows(idx, count, threads, offsets);
            for (int r = 0; r < count; r++) {
                float[] g = rows[r];
                int o = offsets[r];
                boolean certain = true;
                int p = 0;
                for (int i = 0; i < k && certain; i++) {
                    for (int j = i + 1; j < k; j++, p++) {
                        double sum = 0;
                        double magnitude = 0;
                        double[] coef1 = svCoef[j - 1];
                        double[] coef2 = svCoef[i];
                        for (int t = start[i], end = t + nSupport[i]; t < end; t++) {
                            double term = coef1[t] * g[o + svAt[t]];
                            sum += term;
                            magnitude += Math.abs(term);
                        }
                        for (int t = start[j], end = t + nSupport[j]; t < end; t++) {
                            double term = coef2[t] * g[o + svAt[t]];
                            sum += term;
                            magnitude += Math.abs(term);
                        }
                        int m = nSupport[i] + nSupport[j];
                        double bound = (RELATIVE + SUM * (m + 1)) * magnitude + ABSOLUTE * coefSums[p];
                        double f = sum - rho[p];
                        if (!(Math.abs(f) > bound)) {
                            certain = false;
                            break;
                        }
                        dec[p] = f;
                    }
                }
                out[from + r] = certain ? OneVsOne.vote(dec, 0, k) : -1;
            }
        }
        return out;
    }
}
