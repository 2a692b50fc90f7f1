package org.paraml.selection;

import java.util.Arrays;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.paraml.data.PythonFormat;

/**
 * scikit-learn 1.2's classification metrics on integer labels, with its definitions, its
 * zero-division results (0 with {@code zero_division="warn"}) and its error messages. Sums are
 * numpy's ({@link PairwiseSum}) so that the values are scikit-learn's to the last bit, except
 * where a logarithm is involved ({@link #logLoss}).
 */
final class ClassificationMetrics {
    /** {@code np.finfo(np.float64).eps}: log_loss's clipping with {@code eps="auto"}. */
    static final double EPS = Math.ulp(1.0);

    /** The {@code average} argument of the precision/recall/F family. */
    enum Average {
        BINARY, MICRO, MACRO, WEIGHTED
    }

    /** Which of precision, recall and F1. */
    enum Prf {
        PRECISION, RECALL, F1
    }

    private ClassificationMetrics() {
    }

    /** {@code accuracy_score(y_true, y_pred)}. */
    static double accuracy(int[] yTrue, int[] yPred) {
        checkLength(yTrue, yPred.length);
        int hits = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                hits++;
            }
        }
        return (double) hits / yTrue.length;
    }

    /** {@code balanced_accuracy_score}: the mean recall over the classes present in y_true. */
    static double balancedAccuracy(int[] yTrue, int[] yPred) {
        checkLength(yTrue, yPred.length);
        int[] labels = union(yTrue, yPred);
        long[] hits = new long[labels.length];
        long[] support = new long[labels.length];
        for (int i = 0; i < yTrue.length; i++) {
            int t = Arrays.binarySearch(labels, yTrue[i]);
            support[t]++;
            if (yTrue[i] == yPred[i]) {
                hits[t]++;
            }
        }
        double[] perClass = Arrays.stream(range(labels.length)).filter(k -> support[k] > 0)
                .mapToDouble(k -> (double) hits[k] / support[k]).toArray();
        return PairwiseSum.mean(perClass);
    }

    /** {@code precision_score}, {@code recall_score} or {@code f1_score} with {@code pos_label=1}. */
    static double prf(Prf metric, Average average, int[] yTrue, int[] yPred) {
        checkLength(yTrue, yPred.length);
        int[] present = union(yTrue, yPred);
        boolean binary = present.length <= 2;
        int[] labels = present;
        if (average == Average.BINARY) {
            if (!binary) {
                throw new IllegalArgumentException("Target is multiclass but average='binary'. Please choose another "
                        + "average setting, one of [None, 'micro', 'macro', 'weighted'].");
            }
            if (Arrays.binarySearch(present, 1) < 0 && present.length >= 2) {
                StringJoiner j = new StringJoiner(", ", "[", "]");
                Arrays.stream(present).forEach(v -> j.add(Integer.toString(v)));
                throw new IllegalArgumentException("pos_label=1 is not a valid label. It should be one of " + j);
            }
            labels = new int[] {1};
        }
        int m = labels.length;
        double[] tp = new double[m];
        double[] predSum = new double[m];
        double[] trueSum = new double[m];
        for (int i = 0; i < yTrue.length; i++) {
            int t = Arrays.binarySearch(labels, yTrue[i]);
            int p = Arrays.binarySearch(labels, yPred[i]);
            if (t >= 0) {
                trueSum[t]++;
            }
            if (p >= 0) {
                predSum[p]++;
            }
            if (t >= 0 && yTrue[i] == yPred[i]) {
                tp[t]++;
            }
        }
        if (average == Average.MICRO) {
            tp = new double[] {PairwiseSum.sum(tp)};
            predSum = new double[] {PairwiseSum.sum(predSum)};
            trueSum = new double[] {PairwiseSum.sum(trueSum)};
            m = 1;
        }
        double[] precision = divide(tp, predSum);
        double[] recall = divide(tp, trueSum);
        double[] f = new double[m];
        for (int k = 0; k < m; k++) {
            double denom = 1.0 * precision[k] + recall[k];
            if (denom == 0.0) {
                denom = 1;
            }
            f[k] = (1 + 1.0) * precision[k] * recall[k] / denom;
        }
        double[] values = switch (metric) {
            case PRECISION -> precision;
            case RECALL -> recall;
            case F1 -> f;
        };
        if (average == Average.WEIGHTED) {
            double weightSum = PairwiseSum.sum(trueSum);
            if (weightSum == 0) {
                return 0.0; // zero_division="warn": every value is 0
            }
            double[] weighted = new double[m];
            for (int k = 0; k < m; k++) {
                weighted[k] = values[k] * trueSum[k];
            }
            return PairwiseSum.sum(weighted) / weightSum;
        }
        return PairwiseSum.mean(values);
    }

    private static double[] divide(double[] num, double[] den) {
        double[] out = new double[num.length];
        for (int k = 0; k < num.length; k++) {
            out[k] = den[k] == 0 ? 0.0 : num[k] / den[k];
        }
        return out;
    }

    /**
     * {@code roc_auc_score(y_true, y_score)} for two classes: the area under the ROC curve with the
     * greater label positive, by scikit-learn's construction (distinct thresholds, collinear points
     * dropped, trapezoids summed by numpy).
     */
    static double rocAuc(int[] yTrue, double[] score) {
        checkLength(yTrue, score.length);
        int[] labels = union(yTrue, new int[0]);
        if (labels.length > 2) {
            throw new IllegalArgumentException("multiclass format is not supported");
        }
        if (labels.length != 2) {
            throw new IllegalArgumentException("Only one class present in y_true. ROC AUC score is not defined in that case.");
        }
        for (double s : score) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("Input contains " + (Double.isNaN(s) ? "NaN" : "infinity")
                        + " or a value too large for dtype('float64').");
            }
        }
        int n = yTrue.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // np.argsort(score, kind="mergesort")[::-1]: stable ascending, then reversed
        Arrays.sort(order, (a, b) -> score[a] < score[b] ? -1 : score[a] > score[b] ? 1 : 0);
        double[] s = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            int src = order[n - 1 - i];
            s[i] = score[src];
            positive[i] = yTrue[src] == labels[1];
        }
        // thresholds at the end of every run of equal scores
        double[] tpsAll = new double[n];
        double cum = 0;
        for (int i = 0; i < n; i++) {
            cum += positive[i] ? 1.0 : 0.0;
            tpsAll[i] = cum;
        }
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n - 1; i++) {
            if (s[i + 1] - s[i] != 0) {
                idx[m++] = i;
            }
        }
        idx[m++] = n - 1;
        double[] tps = new double[m];
        double[] fps = new double[m];
        for (int k = 0; k < m; k++) {
            tps[k] = tpsAll[idx[k]];
            fps[k] = 1 + idx[k] - tps[k];
        }
        // drop_intermediate: keep the ends and points where the second difference is not zero
        if (m > 2) {
            int kept = 0;
            double[] t2 = new double[m];
            double[] f2 = new double[m];
            for (int k = 0; k < m; k++) {
                boolean keep = k == 0 || k == m - 1
                        || (fps[k + 1] - fps[k]) - (fps[k] - fps[k - 1]) != 0
                        || (tps[k + 1] - tps[k]) - (tps[k] - tps[k - 1]) != 0;
                if (keep) {
                    t2[kept] = tps[k];
                    f2[kept] = fps[k];
                    kept++;
                }
            }
            tps = Arrays.copyOf(t2, kept);
            fps = Arrays.copyOf(f2, kept);
            m = kept;
        }
        double[] tpr = new double[m + 1];
        double[] fpr = new double[m + 1];
        for (int k = 0; k < m; k++) {
            tpr[k + 1] = tps[k] / tps[m - 1];
            fpr[k + 1] = fps[k] / fps[m - 1];
        }
        // np.trapz(tpr, fpr) = add.reduce(diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0)
        double[] areas = new double[m];
        for (int k = 0; k < m; k++) {
            areas[k] = (fpr[k + 1] - fpr[k]) * (tpr[k + 1] + tpr[k]) / 2.0;
        }
        return PairwiseSum.sum(areas);
    }

    /**
     * {@code log_loss(y_true, proba, eps="auto")}: proba is {@code n × k} with columns in the order
     * of the sorted labels of y_true; probabilities are clipped to {@code [eps, 1 − eps]} and each
     * row renormalised. The logarithm is Java's, which may differ from the C library's in the last
     * bit, so the result may differ from scikit-learn's by a few ulps.
     *
     * @param proba {@code n × k} row-major, or with {@code k == 1} the probability of the greater label
     */
    static double logLoss(int[] yTrue, double[] proba, int k) {
        int n = yTrue.length;
        if (proba.length != (long) n * k) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + (proba.length / Math.max(k, 1)) + ", " + n + "]");
        }
        int[] labels = union(yTrue, new int[0]);
        if (labels.length == 1) {
            throw new IllegalArgumentException("y_true contains only one label (" + labels[0]
                    + "). Please provide the true labels explicitly through the labels argument.");
        }
        int cols = k == 1 ? 2 : k;
        if (labels.length != cols) {
            throw new IllegalArgumentException("y_true and y_pred contain different number of classes "
                    + labels.length + ", " + cols + ". Please provide the true labels explicitly through the labels "
                    + "argument. Classes found in y_true: " + PythonFormat.numpyStr(labels));
        }
        double[] loss = new double[n];
        double[] row = new double[cols];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                double p = clip(proba[i]);
                row[0] = 1 - p;
                row[1] = p;
            } else {
                for (int c = 0; c < k; c++) {
                    row[c] = clip(proba[i * k + c]);
                }
            }
            double sum = 0.;
            for (int c = 0; c < cols; c++) {
                sum += row[c];
            }
            int truth = Arrays.binarySearch(labels, yTrue[i]);
            double s = 0.;
            for (int c = 0; c < cols; c++) {
                s += c == truth ? Math.log(row[c] / sum) : 0.0;
            }
            loss[i] = -s;
        }
        return PairwiseSum.mean(loss);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, EPS), 1 - EPS);
    }

    /** The sorted distinct labels of both arrays ({@code unique_labels}). */
    static int[] union(int[] a, int[] b) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int v : a) {
            s.add(v);
        }
        for (int v : b) {
            s.add(v);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static void checkLength(int[] yTrue, int n) {
        if (yTrue.length != n) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: ["
                    + yTrue.length + ", " + n + "]");
        }
    }
}
