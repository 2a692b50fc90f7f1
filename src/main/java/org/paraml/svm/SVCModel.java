package org.paraml.svm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.paraml.backend.SmoOps;
import org.paraml.data.Validation;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * A fitted {@link SVC}: its support vectors, dual coefficients and intercepts, with scikit-learn's
 * fitted attributes and predictions. Immutable and thread-safe; every accessor returns a copy.
 *
 * <p><b>Decision function.</b> For the pair of classes (i, j), {@code i < j} in sorted class order,
 * libsvm's decision value is
 *
 * <pre>
 *   f_ij(x) = Σ_{s ∈ SV_i ∪ SV_j} y_s α_s K(x_s, x) − ρ_ij,     positive for class i
 * </pre>
 *
 * and {@link #intercept()} is {@code −ρ}. For two classes scikit-learn flips the signs so that
 * positive means {@code classes()[1]}: {@link #decisionFunction(Matrix)} returns {@code −f_01(x)},
 * {@link #dualCoef()} holds {@code −y_s α_s} and {@link #intercept()} {@code ρ}. For more classes,
 * {@code decision_function_shape='ovo'} gives the {@code k(k−1)/2} values {@code f_ij} and
 * {@code 'ovr'} gives per class its number of won pairs plus a confidence term in (−1/3, 1/3).
 *
 * <p><b>Layout</b> (libsvm's, as scikit-learn exposes it): support vectors are grouped by class in
 * sorted class order ({@link #nSupport()} per class), in training order within a class.
 * {@link #dualCoef()} is {@code (k−1) × n_SV}: the coefficients of a support vector of class c for
 * its pair with class d sit in row {@code d − 1} if {@code d > c}, else in row {@code d}.
 *
 * <p><b>Probabilities</b> (fitted with {@code probability=true}): pair (i, j) gives
 * {@code r_ij = 1 / (1 + exp(A_ij f_ij + B_ij))} clipped to {@code [1e-7, 1 − 1e-7]}
 * ({@link #probA()}, {@link #probB()}), and the class probabilities couple the {@code r_ij} (Wu,
 * Lin and Weng's method 2). They come from an internal cross-validation, so they may disagree with
 * {@link #predict(Matrix)} near the boundary.
 */
public final class SVCModel implements Classifier {
    private static final int BLOCK_VALUES = 1 << 20;

    private final SVC params;
    private final double gamma;
    private final int[] classes;
    private final int[] support;
    private final Matrix supportVectors;
    private final int[] nSupport;
    private final double[][] svCoef;
    private final double[] rho;
    private final double[] probA;
    private final double[] probB;
    private final int fitStatus;
    private final int[] nIter;
    private final double[] objective;
    private final int nSamplesFit;
    private final int nFeaturesIn;
    private final ModelKernel kernel;

    SVCModel(SVC params, double gamma, int[] classes, RawModel raw, Matrix supportVectors, int nSamplesFit,
             int nFeaturesIn) {
        this(params, gamma, classes, raw.support(), supportVectors, raw.nSupport(), raw.svCoef(), raw.rho(),
                raw.probA() == null ? new double[0] : raw.probA(), raw.probB() == null ? new double[0] : raw.probB(),
                raw.timedOut() ? 1 : 0, raw.nIter(), raw.objective(), nSamplesFit, nFeaturesIn);
    }

    /** All fields in libsvm's conventions (used by the fit and by {@link ModelIo}); arrays are kept, not copied. */
    SVCModel(SVC params, double gamma, int[] classes, int[] support, Matrix supportVectors, int[] nSupport,
             double[][] svCoef, double[] rho, double[] probA, double[] probB, int fitStatus, int[] nIter,
             double[] objective, int nSamplesFit, int nFeaturesIn) {
        this.params = params;
        this.gamma = gamma;
        this.classes = classes;
        this.support = support;
        this.supportVectors = supportVectors.compact();
        this.nSupport = nSupport;
        this.svCoef = svCoef;
        this.rho = rho;
        this.probA = probA;
        this.probB = probB;
        this.fitStatus = fitStatus;
        this.nIter = nIter;
        this.objective = objective;
        this.nSamplesFit = nSamplesFit;
        this.nFeaturesIn = nFeaturesIn;
        this.kernel = params.kernel() == SVC.Kernel.PRECOMPUTED
                ? ModelKernel.precomputed(support)
                : ModelKernel.features(kernelParams(), this.supportVectors, params.backend(), params.threads());
    }

    // ---------------------------------------------------------------- fitted attributes

    /** The estimator this model was fitted with. */
    public SVC params() {
        return params;
    }

    /** The γ the kernel used ({@code _gamma}: 'scale' and 'auto' resolved; 0 for precomputed). */
    public double gamma() {
        return gamma;
    }

    /** The class labels, ascending ({@code classes_}). */
    public int[] classes() {
        return classes.clone();
    }

    /** The support vectors' rows in the training input ({@code support_}), grouped by class. */
    public int[] support() {
        return support.clone();
    }

    /** {@code n_SV × n_features} ({@code support_vectors_}); {@code 0 × 0} for a precomputed kernel, as scikit-learn. */
    public Matrix supportVectors() {
        return supportVectors.copy();
    }

    /** Support vectors per class ({@code n_support_}). */
    public int[] nSupport() {
        return nSupport.clone();
    }

    /** {@code (k−1) × n_SV} dual coefficients {@code y_s α_s} ({@code dual_coef_}; negated for two classes). */
    public Matrix dualCoef() {
        int k = classes.length;
        int n = support.length;
        Matrix m = Matrix.zeros(k - 1, n);
        double sign = k == 2 ? -1 : 1;
        for (int r = 0; r < k - 1; r++) {
            for (int s = 0; s < n; s++) {
                m.set(r, s, sign * svCoef[r][s]);
            }
        }
        return m;
    }

    /** The intercept of each pair ({@code intercept_}): {@code −ρ}, or {@code ρ} for two classes. */
    public double[] intercept() {
        double[] out = new double[rho.length];
        for (int p = 0; p < rho.length; p++) {
            double t = rho[p] != 0 ? -rho[p] : 0;
            out[p] = classes.length == 2 ? -t : t;
        }
        return out;
    }

    /** Platt's A of each pair ({@code probA_}); empty without probability. */
    public double[] probA() {
        return probA.clone();
    }

    /** Platt's B of each pair ({@code probB_}); empty without probability. */
    public double[] probB() {
        return probB.clone();
    }

    /** 0 when every solve converged, 1 when {@code max_iter} stopped one ({@code fit_status_}). */
    public int fitStatus() {
        return fitStatus;
    }

    /** SMO steps of each pair's final solve ({@code n_iter_}). */
    public int[] nIter() {
        return nIter.clone();
    }

    /** The dual objective value {@code ½ αᵀQα − eᵀα} of each pair's solve (libsvm's {@code obj}). */
    public double[] objective() {
        return objective.clone();
    }

    /** {@code {n_samples, n_features}} of the training input ({@code shape_fit_}). */
    public int[] shapeFit() {
        return new int[] {nSamplesFit, params.kernel() == SVC.Kernel.PRECOMPUTED ? nSamplesFit : nFeaturesIn};
    }

    /** The number of features a prediction input must have ({@code n_features_in_}). */
    public int nFeaturesIn() {
        return nFeaturesIn;
    }

    /**
     * The primal weights of a linear kernel ({@code coef_}): {@code 1 × n_features} for two classes
     * ({@code dualCoef() · supportVectors()}), else one row per pair
     * {@code Σ_{s∈SV_i∪SV_j} y_s α_s x_s}.
     *
     * @throws IllegalStateException unless the kernel is linear
     */
    public Matrix coef() {
        if (params.kernel() != SVC.Kernel.LINEAR) {
            throw new IllegalStateException("coef_ is only available when using a linear kernel (kernel='"
                    + params.kernel().sklearnName() + "')");
        }
        int k = classes.length;
        int d = supportVectors.cols();
        int pairs = OneVsOne.pairs(k);
        int[] start = new int[k];
        for (int i = 1; i < k; i++) {
            start[i] = start[i - 1] + nSupport[i - 1];
        }
        Matrix out = Matrix.zeros(pairs, d);
        double sign = k == 2 ? -1 : 1;
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                double[] w = new double[d];
                addRows(w, svCoef[j - 1], start[i], nSupport[i], sign);
                addRows(w, svCoef[i], start[j], nSupport[j], sign);
                for (int f = 0; f < d; f++) {
                    out.set(p, f, w[f]);
                }
            }
        }
        return out;
    }

    private void addRows(double[] w, double[] coef, int from, int count, double sign) {
        double[] sv = supportVectors.data();
        int d = w.length;
        for (int s = from; s < from + count; s++) {
            double a = sign * coef[s];
            int o = supportVectors.offset(s);
            for (int f = 0; f < d; f++) {
                w[f] += a * sv[o + f];
            }
        }
    }

    // ---------------------------------------------------------------- predictions

    /**
     * The decision function ({@code decision_function}): {@code n × 1} for two classes (positive
     * means {@code classes()[1]}); {@code n × k} for 'ovr'; {@code n × k(k−1)/2} for 'ovo'.
     */
    public Matrix decisionFunction(Matrix x) {
        int k = classes.length;
        double[] dec = pairDecisionValues(x);
        int n = x.rows();
        int pairs = OneVsOne.pairs(k);
        if (k == 2) {
            double[] out = new double[n];
            for (int r = 0; r < n; r++) {
                out[r] = -dec[r];
            }
            return Matrix.wrap(out, n, 1);
        }
        if (params.decisionFunctionShape() == SVC.DecisionFunctionShape.OVO) {
            return Matrix.wrap(dec, n, pairs);
        }
        double[] out = new double[n * k];
        for (int r = 0; r < n; r++) {
            OneVsOne.ovr(dec, r * pairs, k, out, r * k);
        }
        return Matrix.wrap(out, n, k);
    }

    /**
     * The predicted class of each row: libsvm's one-vs-one vote (a pair decision value {@code > 0}
     * votes for the first class of the pair; ties go to the lower class), or, with
     * {@code break_ties} and 'ovr' and more than two classes, the argmax of the 'ovr' decision function.
     *
     * @throws IllegalStateException if {@code break_ties} is set with 'ovo'
     */
    public int[] predict(Matrix x) {
        if (params.breakTies() && params.decisionFunctionShape() == SVC.DecisionFunctionShape.OVO) {
            throw new IllegalStateException("break_ties must be False when decision_function_shape is 'ovo'");
        }
        int k = classes.length;
        double[] dec = pairDecisionValues(x);
        int n = x.rows();
        int pairs = OneVsOne.pairs(k);
        int[] out = new int[n];
        if (params.breakTies() && k > 2) {
            double[] ovr = new double[k];
            for (int r = 0; r < n; r++) {
                OneVsOne.ovr(dec, r * pairs, k, ovr, 0);
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (ovr[c] > ovr[best]) {
                        best = c;
                    }
                }
                out[r] = classes[best];
            }
            return out;
        }
        for (int r = 0; r < n; r++) {
            out[r] = classes[OneVsOne.vote(dec, r * pairs, k)];
        }
        return out;
    }

    /**
     * {@link #predict(Matrix)} for rows of a search's data, reading the kernel values the search's
     * shared matrix holds ({@link SharedPredictions}: the float32 values decide each row whose every pair
     * sign they make certain; the other rows are predicted as {@link #predict(Matrix)} predicts them), so
     * the labels are the same. Falls back to {@link #predict(Matrix)} when the scope shares no matrix of this
     * model's kernel, {@code x} is not a view of its data, or {@code break_ties} is set.
     */
    @Override
    public int[] predict(Matrix x, SharedWork work, int[] trainRows) {
        int[] testRows = sharedRows(x, work, trainRows);
        SharedGram gram = testRows == null ? null : SharedGram.of(work, params.backend(), Kernels.spec(kernelParams()));
        if (gram == null) {
            return predict(x);
        }
        int[] svRows = new int[support.length];
        for (int s = 0; s < svRows.length; s++) {
            svRows[s] = trainRows[support[s]];
        }
        if (!sameRows(work.data(), svRows, supportVectors)) {
            return predict(x); // trainRows are not the rows this model was fitted on
        }
        int[] vote;
        gram.enter();
        try {
            vote = SharedPredictions.votes(gram, SmoOps.forBackend(params.backend()), testRows, svRows, nSupport, svCoef,
                    rho, params.threads());
        } finally {
            gram.leave();
        }
        int uncertain = 0;
        for (int v : vote) {
            uncertain += v < 0 ? 1 : 0;
        }
        int[] out = new int[vote.length];
        int[] left = new int[uncertain];
        for (int r = 0, u = 0; r < vote.length; r++) {
            if (vote[r] < 0) {
                left[u++] = r;
            } else {
                out[r] = classes[vote[r]];
            }
        }
        if (uncertain > 0) {
            int[] exact = predict(x.selectRows(left));
            for (int u = 0; u < uncertain; u++) {
                out[left[u]] = exact[u];
            }
        }
        return out;
    }

    /** Whether rows {@code rows} of {@code data} exist and hold the values of {@code expected}'s rows, in order. */
    private static boolean sameRows(Matrix data, int[] rows, Matrix expected) {
        double[] d = data.data();
        double[] e = expected.data();
        int cols = expected.cols();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] < 0 || rows[r] >= data.rows()) {
                return false;
            }
            int a = data.offset(rows[r]);
            int b = expected.offset(r);
            for (int j = 0; j < cols; j++) {
                if (Double.doubleToLongBits(d[a + j]) != Double.doubleToLongBits(e[b + j])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The data rows of {@code x} when the shared path applies, else null. */
    private int[] sharedRows(Matrix x, SharedWork work, int[] trainRows) {
        if (work == null || work.isClosed() || trainRows == null || trainRows.length != nSamplesFit || params.breakTies()
                || params.kernel() == SVC.Kernel.PRECOMPUTED || x.rows() == 0) {
            return null;
        }
        checkInput(x);
        return work.rowsOf(x);
    }

    /**
     * Class probabilities ({@code predict_proba}), {@code n × k}, columns in {@link #classes()} order.
     *
     * @throws UnsupportedOperationException if the model was fitted with {@code probability=false}
     *         (scikit-learn: the attribute is missing; the {@link Classifier} contract's signal)
     */
    public Matrix predictProba(Matrix x) {
        if (probA.length == 0) {
            throw new UnsupportedOperationException("predict_proba is not available when probability=False");
        }
        int k = classes.length;
        double[] dec = pairDecisionValues(x);
        int n = x.rows();
        int pairs = OneVsOne.pairs(k);
        double[] out = new double[n * k];
        double[][] r = new double[k][k];
        double[] p = new double[k];
        double minProb = 1e-7;
        for (int row = 0; row < n; row++) {
            int q = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++, q++) {
                    double v = PlattScaling.predict(dec[row * pairs + q], probA[q], probB[q]);
                    r[i][j] = Math.min(Math.max(v, minProb), 1 - minProb);
                    r[j][i] = 1 - r[i][j];
                }
            }
            PairwiseCoupling.couple(k, r, p);
            System.arraycopy(p, 0, out, row * k, k);
        }
        return Matrix.wrap(out, n, k);
    }

    /** {@code log} of {@link #predictProba(Matrix)} ({@code predict_log_proba}). */
    public Matrix predictLogProba(Matrix x) {
        Matrix p = predictProba(x);
        double[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.log(d[i]);
        }
        return p;
    }

    /** The fraction of rows whose {@link #predict(Matrix) prediction} equals {@code y} (accuracy). */
    public double score(Matrix x, int[] y) {
        return score(x, y, null, null);
    }

    /** {@link #score(Matrix, int[])} with the predictions of {@link #predict(Matrix, SharedWork, int[])}. */
    @Override
    public double score(Matrix x, int[] y, SharedWork work, int[] trainRows) {
        Objects.requireNonNull(y, "y");
        Validation.checkConsistentLength(x, y);
        int[] pred = predict(x, work, trainRows);
        int hits = 0;
        for (int i = 0; i < y.length; i++) {
            if (pred[i] == y[i]) {
                hits++;
            }
        }
        return (double) hits / y.length;
    }

    /** libsvm's pair decision values {@code f_ij}, row-major {@code n × k(k−1)/2}. */
    private double[] pairDecisionValues(Matrix x) {
        checkInput(x);
        int n = x.rows();
        int k = classes.length;
        int pairs = OneVsOne.pairs(k);
        int nsv = support.length;
        double[] dec = new double[n * pairs];
        int block = Math.max(1, Math.min(n, BLOCK_VALUES / Math.max(1, nsv)));
        double[] kv = new double[block * nsv];
        for (int from = 0; from < n; from += block) {
            int to = Math.min(n, from + block);
            kernel.block(x, from, to, kv);
            OneVsOne.decisionValues(kv, to - from, nsv, nSupport, svCoef, rho, dec, from * pairs, params.threads());
        }
        return dec;
    }

    private void checkInput(Matrix x) {
        Objects.requireNonNull(x, "X");
        Validation.checkShape(x, "SVC", 1, 1);
        Validation.checkFinite(x, "X");
        if (params.kernel() == SVC.Kernel.PRECOMPUTED) {
            if (x.cols() != nSamplesFit) {
                throw new IllegalArgumentException("X.shape[1] = " + x.cols() + " should be equal to " + nSamplesFit
                        + ", the number of samples at training time");
            }
        } else {
            Validation.checkSameFeatures(x, nFeaturesIn, "SVC");
        }
    }

    // ---------------------------------------------------------------- persistence

    /** Writes this model to {@code file} (see {@code docs/svc-model-format.md}); atomically replaces it. */
    public void save(Path file) throws IOException {
        ModelIo.save(this, file);
    }

    /** Reads a model written by {@link #save(Path)}. */
    public static SVCModel load(Path file) throws IOException {
        return ModelIo.load(file);
    }

    // ---------------------------------------------------------------- package access for ModelIo and tests

    KernelParams kernelParams() {
        return new KernelParams(params.kernel(), gamma, params.coef0(), params.degree());
    }

    double[][] rawSvCoef() {
        double[][] c = new double[svCoef.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = svCoef[i].clone();
        }
        return c;
    }

    double[] rho() {
        return rho.clone();
    }

    int nSamplesFit() {
        return nSamplesFit;
    }

    @Override
    public String toString() {
        return "SVCModel[" + params + ", classes=" + Arrays.toString(classes) + ", n_support="
                + Arrays.toString(nSupport) + "]";
    }
}
