package org.paraml.svm;

import org.paraml.backend.Parallel;

/**
 * The one-vs-one arithmetic of libsvm and scikit-learn: pair decision values from kernel values,
 * libsvm's voting, and scikit-learn's "ovr" transform of the pair decision values.
 *
 * <p>Pairs are enumerated {@code (0,1), (0,2), …, (0,k−1), (1,2), …, (k−2,k−1)}.
 */
final class OneVsOne {
    private OneVsOne() {
    }

    /** The number of pairs of {@code k} classes, {@code k(k−1)/2}. */
    static int pairs(int k) {
        return k * (k - 1) / 2;
    }

    /**
     * libsvm's {@code svm_predict_values}: for each pair (i, j),
     * {@code out[off + p] = Σ_{s∈SV_i} svCoef[j−1][s]·kv[s] + Σ_{s∈SV_j} svCoef[i][s]·kv[s] − rho[p]},
     * summed in support vector order.
     *
     * @param kv       {@code K(x, sv_s)} for every support vector s (grouped by class), from {@code kvOff}
     * @param nSupport support vectors per class
     */
    static void decisionValues(double[] kv, int kvOff, int[] nSupport, double[][] svCoef, double[] rho, double[] out,
                               int off) {
        int k = nSupport.length;
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + nSupport[i - 1];
        }
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                double sum = 0;
                double[] coef1 = svCoef[j - 1];
                double[] coef2 = svCoef[i];
                int si = start[i];
                int sj = start[j];
                int ki = kvOff + si;
                int kj = kvOff + sj;
                for (int t = 0; t < nSupport[i]; t++) {
                    sum += coef1[si + t] * kv[ki + t];
                }
                for (int t = 0; t < nSupport[j]; t++) {
                    sum += coef2[sj + t] * kv[kj + t];
                }
                out[off + p] = sum - rho[p];
            }
        }
    }

    /**
     * {@link #decisionValues} for {@code rows} points at once: the kernel values of point r are
     * {@code kv[r·nsv + s]} and its pair values go to {@code out[outOffset + r·pairs + p]}. Each point's
     * sums are taken in the same order as {@link #decisionValues} takes them, so the values are the same
     * bit for bit; four points are summed side by side, so that their additions, each waiting on the
     * one before in its own sum, overlap (one sum alone waits an addition's latency per support vector).
     * The points are cut into parts of whole groups of four, summed on up to {@code threads} threads
     * (one when the sums are too few to pay for a helper): each point's sums are its own, so the split
     * does not change them.
     */
    static void decisionValues(double[] kv, int rows, int nsv, int[] nSupport, double[][] svCoef, double[] rho,
                               double[] out, int outOffset, int threads) {
        int pairs = pairs(nSupport.length);
        long work = (long) rows * nsv * Math.max(1, nSupport.length - 1);
        int use = Parallel.threadsFor(work, threads);
        int part = (rows + 4 * use - 1) / (4 * use) * 4;
        if (part >= rows) {
            decisionValuesOfRows(kv, 0, rows, nsv, nSupport, svCoef, rho, out, outOffset);
            return;
        }
        Parallel.forEach((rows + part - 1) / part, use, t -> {
            int r0 = t * part;
            decisionValuesOfRows(kv, r0 * nsv, Math.min(rows, r0 + part) - r0, nsv, nSupport, svCoef, rho, out,
                    outOffset + r0 * pairs);
        });
    }

    /**
     * The four-at-a-time sums of
     * {@link #decisionValues(double[], int, int, int[], double[][], double[], double[], int, int)} on one
     * thread, point r's kernel values from {@code kv[kvOffset + r·nsv]}.
     */
    private static void decisionValuesOfRows(double[] kv, int kvOffset, int rows, int nsv, int[] nSupport,
                                             double[][] svCoef, double[] rho, double[] out, int outOffset) {
        int k = nSupport.length;
        int pairs = pairs(k);
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + nSupport[i - 1];
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int k0 = kvOffset + r * nsv;
            int k1 = k0 + nsv;
            int k2 = k1 + nsv;
            int k3 = k2 + nsv;
            int p = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++, p++) {
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    double[] coef1 = svCoef[j - 1];
                    double[] coef2 = svCoef[i];
                    for (int t = start[i], end = start[i] + nSupport[i]; t < end; t++) {
                        double c = coef1[t];
                        s0 += c * kv[k0 + t];
                        s1 += c * kv[k1 + t];
                        s2 += c * kv[k2 + t];
                        s3 += c * kv[k3 + t];
                    }
                    for (int t = start[j], end = start[j] + nSupport[j]; t < end; t++) {
                        double c = coef2[t];
                        s0 += c * kv[k0 + t];
                        s1 += c * kv[k1 + t];
                        s2 += c * kv[k2 + t];
                        s3 += c * kv[k3 + t];
                    }
                    int o = outOffset + r * pairs + p;
                    out[o] = s0 - rho[p];
                    out[o + pairs] = s1 - rho[p];
                    out[o + 2 * pairs] = s2 - rho[p];
                    out[o + 3 * pairs] = s3 - rho[p];
                }
            }
        }
        for (; r < rows; r++) {
            decisionValues(kv, kvOffset + r * nsv, nSupport, svCoef, rho, out, outOffset + r * pairs);
        }
    }

    /**
     * libsvm's vote: pair (i, j) votes for i when its decision value is {@code > 0}, else for j; the
     * class with most votes wins, ties going to the lowest class index.
     */
    static int vote(double[] dec, int off, int k) {
        int[] votes = new int[k];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                if (dec[off + p] > 0) {
                    votes[i]++;
                } else {
                    votes[j]++;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (votes[i] > votes[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * scikit-learn's {@code _ovr_decision_function(dec < 0, −dec, k)}: class i's score is its number
     * of pair wins (a pair (i, j) counts for i when {@code dec >= 0}) plus
     * {@code s_i / (3(|s_i| + 1))}, where {@code s_i} sums the pair decision values oriented towards
     * i; the fraction lies in (−1/3, 1/3), so it only breaks ties between equal vote counts.
     */
    static void ovr(double[] dec, int off, int k, double[] out, int outOff) {
        double[] votes = new double[k];
        double[] conf = new double[k];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                double d = dec[off + p];
                conf[i] -= -d;
                conf[j] += -d;
                if (d < 0) {
                    votes[j] += 1;
                } else {
                    votes[i] += 1;
                }
            }
        }
        for (int i = 0; i < k; i++) {
            out[outOff + i] = votes[i] + conf[i] / (3 * (Math.abs(conf[i]) + 1));
        }
    }
}
