package org.paraml.svm;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * libsvm's {@code svm_train} for C-SVC as scikit-learn's copy runs it: drop points whose weight is
 * not positive, group the points by label in ascending label order (scikit-learn's patched
 * {@code svm_group_classes}; points keep their input order inside a class), and train one binary
 * C-SVC per pair of classes {@code (i, j)}, {@code i < j}, class i as +1 with bound factor
 * {@code C·weight(label_i)} and class j as −1 with {@code C·weight(label_j)}; with probability
 * outputs, each pair first fits Platt's sigmoid on 5-fold cross-validated decision values.
 */
final class OneVsOneTrainer {
    private OneVsOneTrainer() {
    }

    /**
     * @param ctx         the fit's shared state; its random stream is reset first
     * @param rows        the points, as rows of the training input
     * @param label       the label of each point
     * @param weight      the weight of each point; points with weight {@code <= 0} are dropped
     * @param c           the regularisation constant C
     * @param labelWeight the class weight factor of a label
     * @param probability whether to fit the probability model
     */
    static RawModel train(FitContext ctx, int[] rows, int[] label, double[] weight, double c,
                          IntToDoubleFunction labelWeight, boolean probability) {
        int n = 0;
        for (double w : weight) {
            if (w > 0) {
                n++;
            }
        }
        int[] keptRows = new int[n];
        int[] keptLabel = new int[n];
        double[] keptWeight = new double[n];
        for (int i = 0, k = 0; i < rows.length; i++) {
            if (weight[i] > 0) {
                keptRows[k] = rows[i];
                keptLabel[k] = label[i];
                keptWeight[k] = weight[i];
                k++;
            }
        }
        ctx.random.reseed();

        int[] labels = Arrays.stream(keptLabel).distinct().sorted().toArray();
        int k = labels.length;
        int[] count = new int[k];
        int[] classOf = new int[n];
        for (int i = 0; i < n; i++) {
            classOf[i] = Arrays.binarySearch(labels, keptLabel[i]);
            count[classOf[i]]++;
        }
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + count[i - 1];
        }
        int[] groupedRows = new int[n];
        double[] groupedWeight = new double[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            int pos = fill[classOf[i]]++;
            groupedRows[pos] = keptRows[i];
            groupedWeight[pos] = keptWeight[i];
        }
        double[] weightedC = new double[k];
        for (int i = 0; i < k; i++) {
            weightedC[i] = c * labelWeight.applyAsDouble(labels[i]);
        }

        int pairs = k * (k - 1) / 2;
        boolean[] nonzero = new boolean[n];
        double[][] alphas = new double[pairs][];
        double[] rho = new double[pairs];
        double[] objective = new double[pairs];
        int[] nIter = new int[pairs];
        double[] probA = probability ? new double[pairs] : null;
        double[] probB = probability ? new double[pairs] : null;

        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int si = start[i];
                int sj = start[j];
                int ci = count[i];
                int cj = count[j];
                int l = ci + cj;
                int[] subRows = new int[l];
                byte[] subY = new byte[l];
                double[] subW = new double[l];
                System.arraycopy(groupedRows, si, subRows, 0, ci);
                System.arraycopy(groupedRows, sj, subRows, ci, cj);
                System.arraycopy(groupedWeight, si, subW, 0, ci);
                System.arraycopy(groupedWeight, sj, subW, ci, cj);
                Arrays.fill(subY, 0, ci, (byte) 1);
                Arrays.fill(subY, ci, l, (byte) -1);

                if (probability) {
                    double[] ab = ProbabilityCv.fitSigmoid(ctx, subRows, subY, subW, weightedC[i], weightedC[j]);
                    probA[p] = ab[0];
                    probB[p] = ab[1];
                }
                SolverResult r = BinarySvc.train(ctx.source, subRows, subY, subW, weightedC[i], weightedC[j],
                        ctx.settings);
                ctx.timedOut |= r.timedOut();
                alphas[p] = r.alpha();
                rho[p] = r.rho();
                objective[p] = r.objective();
                nIter[p] = r.iterations();
                for (int t = 0; t < ci; t++) {
                    if (Math.abs(r.alpha()[t]) > 0) {
                        nonzero[si + t] = true;
                    }
                }
                for (int t = 0; t < cj; t++) {
                    if (Math.abs(r.alpha()[ci + t]) > 0) {
                        nonzero[sj + t] = true;
                    }
                }
            }
        }

        int[] nSupport = new int[k];
        int total = 0;
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < count[i]; t++) {
                if (nonzero[start[i] + t]) {
                    nSupport[i]++;
                }
            }
            total += nSupport[i];
        }
        int[] support = new int[total];
        for (int i = 0, s = 0; i < n; i++) {
            if (nonzero[i]) {
                support[s++] = groupedRows[i];
            }
        }
        int[] nzStart = new int[k];
        for (int i = 1; i < k; i++) {
            nzStart[i] = nzStart[i - 1] + nSupport[i - 1];
        }
        double[][] svCoef = new double[Math.max(k - 1, 0)][total];
        p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                int q = nzStart[i];
                for (int t = 0; t < count[i]; t++) {
                    if (nonzero[start[i] + t]) {
                        svCoef[j - 1][q++] = alphas[p][t];
                    }
                }
                q = nzStart[j];
                for (int t = 0; t < count[j]; t++) {
                    if (nonzero[start[j] + t]) {
                        svCoef[i][q++] = alphas[p][count[i] + t];
                    }
                }
            }
        }
        return new RawModel(labels, nSupport, support, svCoef, rho, probA, probB, nIter, objective, ctx.timedOut);
    }

    /**
     * libsvm's {@code svm_predict_values} for every pair: {@code dec[r·pairs + p]} for the points
     * {@code rows[r]} of the training input.
     */
    static double[] decisionValues(FitContext ctx, RawModel m, int[] rows) {
        int nsv = m.support().length;
        int k = m.nClasses();
        int pairs = k * (k - 1) / 2;
        double[] kv = new double[rows.length * nsv];
        ctx.source.block(rows, m.support(), kv);
        double[] dec = new double[rows.length * pairs];
        double[] row = new double[nsv];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(kv, r * nsv, row, 0, nsv);
            OneVsOne.decisionValues(row, m.nSupport(), m.svCoef(), m.rho(), dec, r * pairs);
        }
        return dec;
    }
}
