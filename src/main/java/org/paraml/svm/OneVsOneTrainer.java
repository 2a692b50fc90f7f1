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
 *
 * <p>The pairs are independent trainings: with more than one thread in the fit's budget they run
 * side by side (each with a share of the threads), and the results are laid out in pair order, so
 * the model is the one of the sequential order.
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

        int[] pairI = new int[pairs];
        int[] pairJ = new int[pairs];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                pairI[p] = i;
                pairJ[p] = j;
            }
        }
        // probability: every pair's shuffle, drawn in pair order from the one stream (libsvm's order:
        // a pair draws, then its fold trainings re-seed the stream), so that the pairs can run apart
        int[][] perms = probability ? new int[pairs][] : null;
        if (probability) {
            for (int p = 0; p < pairs; p++) {
                int l = count[pairI[p]] + count[pairJ[p]];
                perms[p] = ProbabilityCv.permutation(ctx.random, l);
                if (ProbabilityCv.trainsAFold(perms[p], pairLabels(count[pairI[p]], l))) {
                    ctx.random.reseed();
                }
            }
        }
        ctx.forEach(pairs, (p, pc) -> {
            int i = pairI[p];
            int j = pairJ[p];
            int si = start[i];
            int sj = start[j];
            int ci = count[i];
            int cj = count[j];
            int l = ci + cj;
            int[] subRows = new int[l];
            double[] subW = new double[l];
            System.arraycopy(groupedRows, si, subRows, 0, ci);
            System.arraycopy(groupedRows, sj, subRows, ci, cj);
            System.arraycopy(groupedWeight, si, subW, 0, ci);
            System.arraycopy(groupedWeight, sj, subW, ci, cj);
            byte[] subY = pairLabels(ci, l);
            SolverResult[] solved = new SolverResult[1];
            java.util.function.Consumer<FitContext> pairTraining = tc -> {
                solved[0] = BinarySvc.train(tc.source, subRows, subY, subW, weightedC[i], weightedC[j], tc.settings,
                        tc.columnArrays, tc.threads);
                tc.timedOut |= solved[0].timedOut();
            };
            if (probability) {
                // the pair's own training runs beside the five calibration trainings: it does not use them
                double[] ab = ProbabilityCv.fitSigmoid(pc, subRows, subY, subW, weightedC[i], weightedC[j], perms[p],
                        pairTraining);
                probA[p] = ab[0];
                probB[p] = ab[1];
            } else {
                pairTraining.accept(pc);
            }
            SolverResult r = solved[0];
            alphas[p] = r.alpha();
            rho[p] = r.rho();
            objective[p] = r.objective();
            nIter[p] = r.iterations();
        });
        for (int p = 0; p < pairs; p++) {
            int si = start[pairI[p]];
            int sj = start[pairJ[p]];
            int ci = count[pairI[p]];
            int cj = count[pairJ[p]];
            for (int t = 0; t < ci; t++) {
                if (Math.abs(alphas[p][t]) > 0) {
                    nonzero[si + t] = true;
                }
            }
            for (int t = 0; t < cj; t++) {
                if (Math.abs(alphas[p][ci + t]) > 0) {
                    nonzero[sj + t] = true;
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
        for (int i = 0, p = 0; i < k; i++) {
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

    /** The labels of a pair's points: the first {@code positives} are +1, the rest −1. */
    private static byte[] pairLabels(int positives, int l) {
        byte[] y = new byte[l];
        Arrays.fill(y, 0, positives, (byte) 1);
        Arrays.fill(y, positives, l, (byte) -1);
        return y;
    }

    /**
     * Kernel values per block in {@link #decisionValues} (4 MB): small enough to stay in the last-level
     * cache between the kernel evaluation that writes it and the sums that read it, large enough that
     * preparing the support vectors once per block costs little.
     */
    static final int DECISION_BLOCK_VALUES = 1 << 19;

    /**
     * libsvm's {@code svm_predict_values} for every pair: {@code dec[r·pairs + p]} for the points
     * {@code rows[r]} of the training input. The kernel values are computed a block of points at a
     * time ({@link #DECISION_BLOCK_VALUES} values) into one buffer; a kernel value does not depend on
     * which points share its block.
     */
    static double[] decisionValues(FitContext ctx, RawModel m, int[] rows) {
        int nsv = m.support().length;
        return decisionValues(ctx, m, rows, Math.max(16, DECISION_BLOCK_VALUES / Math.max(1, nsv) / 4 * 4));
    }

    /** {@link #decisionValues(FitContext, RawModel, int[])} with blocks of {@code step} points. */
    static double[] decisionValues(FitContext ctx, RawModel m, int[] rows, int step) {
        int nsv = m.support().length;
        int k = m.nClasses();
        int pairs = k * (k - 1) / 2;
        double[] dec = new double[rows.length * pairs];
        double[] kv = ScratchArrays.takeDoubles(Math.min(rows.length, step) * nsv);
        try {
            for (int from = 0; from < rows.length; from += step) {
                int count = Math.min(step, rows.length - from);
                int[] chunk = from == 0 && count == rows.length ? rows : Arrays.copyOfRange(rows, from, from + count);
                ctx.source.block(chunk, m.support(), kv);
                OneVsOne.decisionValues(kv, count, nsv, m.nSupport(), m.svCoef(), m.rho(), dec, from * pairs, ctx.threads);
            }
        } finally {
            ScratchArrays.give(kv);
        }
        return dec;
    }
}
