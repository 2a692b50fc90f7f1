package org.paraml.svm;

/**
 * libsvm's {@code svm_binary_svc_probability}: decision values for Platt scaling from a 5-fold
 * cross-validation of one pair's binary problem, then the sigmoid fit.
 *
 * <p>The points are shuffled with the fit's random stream (Fisher–Yates from the front:
 * {@code swap(perm[i], perm[i + bounded(l − i)])}); fold f holds shuffled positions
 * {@code [f·l/5, (f+1)·l/5)}. Each fold's decision values come from a full libsvm training on the
 * other four folds (C = 1, class weights Cp and Cn, which resets the random stream) and are
 * oriented so that positive means +1. A training set with one class only gives +1 or −1 (0 if
 * empty) instead.
 *
 * <p>The shuffles of all pairs are drawn first, in pair order, from the fit's stream (re-seeded
 * after a pair whose folds train, as libsvm's trainings re-seed it); the five trainings of a pair
 * are independent and run side by side when the fit has more than one thread. The numbers are
 * those of libsvm's sequential order.
 */
final class ProbabilityCv {
    static final int FOLDS = 5;

    private ProbabilityCv() {
    }

    /**
     * The shuffle of one pair's {@code l} points, drawn from {@code random} (Fisher–Yates from the
     * front: {@code swap(perm[i], perm[i + bounded(l − i)])}).
     */
    static int[] permutation(SklearnRandom random, int l) {
        int[] perm = new int[l];
        for (int i = 0; i < l; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < l; i++) {
            int j = i + random.boundedInt(l - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /**
     * Whether some fold's training set (the points outside the fold) holds both classes, so that
     * {@link #fitSigmoid} trains on it (and libsvm's training re-seeds the fit's random stream).
     */
    static boolean trainsAFold(int[] perm, byte[] y) {
        int l = perm.length;
        int pos = 0;
        for (byte v : y) {
            pos += v > 0 ? 1 : 0;
        }
        int neg = l - pos;
        for (int f = 0; f < FOLDS; f++) {
            int begin = f * l / FOLDS;
            int end = (f + 1) * l / FOLDS;
            int heldPos = 0;
            for (int j = begin; j < end; j++) {
                heldPos += y[perm[j]] > 0 ? 1 : 0;
            }
            if (pos - heldPos > 0 && neg - (end - begin - heldPos) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sigmoid for one pair, from a shuffle drawn beforehand with {@link #permutation}. The
     * folds are independent trainings: they run side by side within the context's thread budget,
     * together with {@code alongside} (the pair's own training, which does not depend on the
     * sigmoid), which is started first as the largest of them.
     *
     * @param alongside a training to run with the folds, or null
     * @return {@code {A, B}} of {@code P(y = +1 | f) = 1 / (1 + exp(A f + B))}
     */
    static double[] fitSigmoid(FitContext ctx, int[] rows, byte[] y, double[] weight, double cp, double cn,
                               int[] perm, java.util.function.Consumer<FitContext> alongside) {
        int l = rows.length;
        double[] dec = new double[l];
        int[][] foldRows = new int[FOLDS][];
        int[][] foldLabels = new int[FOLDS][];
        double[][] foldWeights = new double[FOLDS][];
        int[] trainable = new int[FOLDS];
        int nTrainable = 0;
        for (int f = 0; f < FOLDS; f++) {
            int begin = f * l / FOLDS;
            int end = (f + 1) * l / FOLDS;
            int m = l - (end - begin);
            int[] trainRows = new int[m];
            int[] trainLabel = new int[m];
            double[] trainWeight = new double[m];
            int k = 0;
            int pos = 0;
            int neg = 0;
            for (int j = 0; j < l; j++) {
                if (j >= begin && j < end) {
                    continue;
                }
                int s = perm[j];
                trainRows[k] = rows[s];
                trainLabel[k] = y[s];
                trainWeight[k] = weight[s];
                if (y[s] > 0) {
                    pos++;
                } else {
                    neg++;
                }
                k++;
            }
            if (pos == 0 || neg == 0) {
                double v = pos == 0 && neg == 0 ? 0 : pos > 0 ? 1 : -1;
                for (int j = begin; j < end; j++) {
                    dec[perm[j]] = v;
                }
                continue;
            }
            foldRows[f] = trainRows;
            foldLabels[f] = trainLabel;
            foldWeights[f] = trainWeight;
            trainable[nTrainable++] = f;
        }
        int first = alongside == null ? 0 : 1;
        // the six solves read one copy of the pair's kernel matrix when it fits a cache's budget
        CalibrationGram gram = nTrainable > 0 && !ctx.source.readsSharedMatrix()
                && CalibrationGram.fits(l, ctx.settings.cacheSizeMb())
                ? CalibrationGram.of(ctx.source, rows, y, perm, ctx.columnArrays, ctx.settings.ops()) : null;
        FitContext run = gram == null ? ctx : ctx.withSource(gram);
        try {
            trainFolds(run, first, nTrainable, trainable, alongside, foldRows, foldLabels, foldWeights, rows, perm,
                    cp, cn, dec);
        } finally {
            if (gram != null) {
                gram.close();
                ctx.timedOut |= run.timedOut;
            }
        }
        double[] labels = new double[l];
        for (int i = 0; i < l; i++) {
            labels[i] = y[i];
        }
        return PlattScaling.fit(dec, labels);
    }

    /** The trainable folds' decision values into {@code dec}, beside {@code alongside} (task 0 when {@code first} is 1). */
    private static void trainFolds(FitContext ctx, int first, int nTrainable, int[] trainable,
                                   java.util.function.Consumer<FitContext> alongside, int[][] foldRows,
                                   int[][] foldLabels, double[][] foldWeights, int[] rows, int[] perm, double cp,
                                   double cn, double[] dec) {
        int l = rows.length;
        ctx.forEach(first + nTrainable, (task, c) -> {
            if (task < first) {
                alongside.accept(c);
                return;
            }
            int f = trainable[task - first];
            int begin = f * l / FOLDS;
            int end = (f + 1) * l / FOLDS;
            RawModel sub = OneVsOneTrainer.train(c, foldRows[f], foldLabels[f], foldWeights[f], 1.0,
                    label -> label > 0 ? cp : cn, false);
            int[] held = new int[end - begin];
            for (int j = begin; j < end; j++) {
                held[j - begin] = rows[perm[j]];
            }
            double[] values = OneVsOneTrainer.decisionValues(c, sub, held);
            for (int j = begin; j < end; j++) {
                dec[perm[j]] = values[j - begin] * sub.labels()[0];
            }
        });
    }
}
