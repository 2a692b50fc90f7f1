package org.paraml.svm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.backend.SmoOps;
import org.paraml.data.Labels;
import org.paraml.data.PythonFormat;
import org.paraml.data.Validation;
import org.paraml.estimator.ClassifierEstimator;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * C-Support Vector Classification, as scikit-learn's {@code SVC} (which runs its patched copy of
 * libsvm): the same parameters, defaults, fitted attributes and numbers.
 *
 * <p><b>The problem.</b> For two classes with labels {@code y_i ∈ {+1, −1}} the fit solves the dual
 *
 * <pre>
 *   min_α  ½ Σ_ij α_i α_j y_i y_j K(x_i, x_j) − Σ_i α_i
 *   s.t.   Σ_i y_i α_i = 0,   0 ≤ α_i ≤ C_i,   C_i = C · class_weight[y_i] · sample_weight[i]
 * </pre>
 *
 * by libsvm's SMO (second-order working-set selection, shrinking, a float32 kernel cache of
 * {@link #cacheSize(double) cache_size} megabytes), stopping when the maximal KKT violation is below
 * {@link #tol(double) tol}. The decision function is {@code f(x) = Σ_i y_i α_i K(x_i, x) + b};
 * the points with {@code α_i > 0} are the support vectors. More than two classes are handled one
 * against one: {@code k(k−1)/2} such problems, one per pair of classes, and a vote.
 *
 * <p><b>Kernels</b> ({@code kernel}): {@code linear} {@code ⟨x, x'⟩}; {@code poly}
 * {@code (γ⟨x, x'⟩ + coef0)^degree}; {@code rbf} {@code exp(−γ‖x − x'‖²)} (the default);
 * {@code sigmoid} {@code tanh(γ⟨x, x'⟩ + coef0)}; {@code precomputed}: X is the Gram matrix
 * {@code K(x_i, x_j)} itself (square at fit; {@code n_test × n_train} at prediction). {@code gamma}
 * is {@code 'scale'} = {@code 1 / (n_features · X.var())} (the variance of all entries of X;
 * 1 when it is 0), {@code 'auto'} = {@code 1 / n_features}, or a positive number.
 *
 * <p><b>Probabilities</b> ({@code probability=true}): each pair also fits Platt's sigmoid
 * {@code P(i | f) = 1 / (1 + exp(A f + B))} on decision values from an internal 5-fold
 * cross-validation whose shuffle is drawn from {@code random_state} exactly as scikit-learn
 * draws it; class probabilities come from pairwise coupling (Wu, Lin and Weng, method 2).
 *
 * <p>An {@code SVC} is immutable: the withers return a modified copy and validate their argument
 * at once, with scikit-learn's wording. {@link #getParams()} / {@link #withParams(Map)} view the
 * parameters under scikit-learn's names, for parameter searches. {@link #fit(Matrix, int[])}
 * returns an immutable, thread-safe {@link SVCModel}.
 *
 * <p>Deviations from scikit-learn 1.2, all at the boundary: {@code gamma = 0} is refused (libsvm
 * would use a constant kernel), negative sample weights are refused (scikit-learn 1.2 silently
 * drops them like zero weights), and {@link SVCModel#support()} indexes the rows given to
 * {@code fit} even when zero weights dropped some (scikit-learn 1.2 then indexes the kept rows).
 */
public final class SVC implements ClassifierEstimator {
    /** The kernel functions, named as scikit-learn names them. */
    public enum Kernel {
        /** {@code ⟨x, x'⟩}. */
        LINEAR("linear"),
        /** {@code (γ⟨x, x'⟩ + coef0)^degree}. */
        POLY("poly"),
        /** {@code exp(−γ‖x − x'‖²)} (the default). */
        RBF("rbf"),
        /** {@code tanh(γ⟨x, x'⟩ + coef0)}. */
        SIGMOID("sigmoid"),
        /** X is the Gram matrix {@code K(x_i, x_j)} itself: square at fit, {@code n_test × n_train} at prediction. */
        PRECOMPUTED("precomputed");

        private final String sklearnName;

        Kernel(String sklearnName) {
            this.sklearnName = sklearnName;
        }

        /** The scikit-learn spelling. */
        public String sklearnName() {
            return sklearnName;
        }

        /** Parses scikit-learn's spelling. */
        public static Kernel parse(String name) {
            for (Kernel k : values()) {
                if (k.sklearnName.equals(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("The 'kernel' parameter of SVC must be a str among "
                    + "{'linear', 'poly', 'rbf', 'sigmoid', 'precomputed'}. Got " + repr(name) + " instead.");
        }
    }

    /** The shape of {@link SVCModel#decisionFunction(Matrix)} for more than two classes. */
    public enum DecisionFunctionShape {
        /** One column per class: votes plus a tie-breaking confidence (scikit-learn's default). */
        OVR("ovr"),
        /** One column per pair of classes: libsvm's raw pair decision values. */
        OVO("ovo");

        private final String sklearnName;

        DecisionFunctionShape(String sklearnName) {
            this.sklearnName = sklearnName;
        }

        /** The scikit-learn spelling. */
        public String sklearnName() {
            return sklearnName;
        }

        /** Parses scikit-learn's spelling, {@code "ovr"} or {@code "ovo"}. */
        public static DecisionFunctionShape parse(String name) {
            for (DecisionFunctionShape s : values()) {
                if (s.sklearnName.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("The 'decision_function_shape' parameter of SVC must be a str among "
                    + "{'ovo', 'ovr'}. Got " + repr(name) + " instead.");
        }
    }

    private static final System.Logger LOG = System.getLogger(SVC.class.getName());
    private static final String BALANCED = "balanced";
    private static final List<String> PARAM_NAMES = List.of("C", "break_ties", "cache_size", "class_weight",
            "coef0", "decision_function_shape", "degree", "gamma", "kernel", "max_iter", "probability",
            "random_state", "shrinking", "tol", "verbose");

    private final double c;
    private final Kernel kernel;
    private final int degree;
    /** "scale", "auto", or null when {@link #gammaValue} holds a number. */
    private final String gammaMode;
    private final double gammaValue;
    private final double coef0;
    private final boolean shrinking;
    private final boolean probability;
    private final double tol;
    private final double cacheSize;
    /** null, "balanced", or an unmodifiable sorted map. */
    private final Object classWeight;
    private final boolean verbose;
    private final int maxIter;
    private final DecisionFunctionShape decisionFunctionShape;
    private final boolean breakTies;
    private final Long randomState;
    /** Not a scikit-learn parameter: null means {@link Backends#select()} at fit time. */
    private final Backend backend;
    /** Not a scikit-learn parameter: the thread budget of kernel evaluations. */
    private final int threads;
    /** Not a scikit-learn parameter: the search's shared kernel matrices, or null. */
    private final SharedWork shared;

    /** scikit-learn's defaults: C=1, kernel='rbf', degree=3, gamma='scale', coef0=0, shrinking, tol=1e-3, cache_size=200. */
    public SVC() {
        this(1.0, Kernel.RBF, 3, "scale", Double.NaN, 0.0, true, false, 1e-3, 200.0, null, false, -1,
                DecisionFunctionShape.OVR, false, null, null, Runtime.getRuntime().availableProcessors(), null);
    }

    private SVC(double c, Kernel kernel, int degree, String gammaMode, double gammaValue, double coef0,
                boolean shrinking, boolean probability, double tol, double cacheSize, Object classWeight,
                boolean verbose, int maxIter, DecisionFunctionShape decisionFunctionShape, boolean breakTies,
                Long randomState, Backend backend, int threads, SharedWork shared) {
        this.c = c;
        this.kernel = kernel;
        this.degree = degree;
        this.gammaMode = gammaMode;
        this.gammaValue = gammaValue;
        this.coef0 = coef0;
        this.shrinking = shrinking;
        this.probability = probability;
        this.tol = tol;
        this.cacheSize = cacheSize;
        this.classWeight = classWeight;
        this.verbose = verbose;
        this.maxIter = maxIter;
        this.decisionFunctionShape = decisionFunctionShape;
        this.breakTies = breakTies;
        this.randomState = randomState;
        this.backend = backend;
        this.threads = threads;
        this.shared = shared;
    }

    private Builder b() {
        return new Builder(this);
    }

    // ---------------------------------------------------------------- withers

    /** {@code C > 0}: the regularisation constant, the upper bound of every α (before weights). */
    public SVC c(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The 'C' parameter of SVC must be a float in the range (0.0, inf). Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        Builder b = b();
        b.c = value;
        return b.build();
    }

    /** Same as {@link #c(double)}, spelled as scikit-learn spells it. */
    public SVC C(double value) {
        return c(value);
    }

    /** {@code kernel} (default {@link Kernel#RBF}): the kernel function. */
    public SVC kernel(Kernel value) {
        Builder b = b();
        b.kernel = Objects.requireNonNull(value, "kernel");
        return b.build();
    }

    /** {@code 'linear'}, {@code 'poly'}, {@code 'rbf'}, {@code 'sigmoid'} or {@code 'precomputed'}. */
    public SVC kernel(String value) {
        return kernel(Kernel.parse(value));
    }

    /** The exponent of the poly kernel, {@code >= 0}; ignored by the other kernels. */
    public SVC degree(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("The 'degree' parameter of SVC must be an int in the range [0, inf). Got "
                    + value + " instead.");
        }
        Builder b = b();
        b.degree = value;
        return b.build();
    }

    /** A fixed kernel coefficient γ {@code >= 0} (poly, rbf, sigmoid), as scikit-learn 1.2 allows. */
    public SVC gamma(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The 'gamma' parameter of SVC must be a str among {'auto', 'scale'} "
                    + "or a float in the range [0.0, inf). Got " + PythonFormat.floatRepr(value) + " instead.");
        }
        Builder b = b();
        b.gammaMode = null;
        b.gammaValue = value;
        return b.build();
    }

    /** {@code 'scale'} ({@code 1 / (n_features · X.var())}) or {@code 'auto'} ({@code 1 / n_features}). */
    public SVC gamma(String value) {
        if (!"scale".equals(value) && !"auto".equals(value)) {
            throw new IllegalArgumentException("The 'gamma' parameter of SVC must be a str among {'auto', 'scale'} "
                    + "or a float in the range [0.0, inf). Got " + repr(value) + " instead.");
        }
        Builder b = b();
        b.gammaMode = value;
        b.gammaValue = Double.NaN;
        return b.build();
    }

    /** The additive constant of the poly and sigmoid kernels (any finite number). */
    public SVC coef0(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("The 'coef0' parameter of SVC must be a float in the range (-inf, inf). Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        Builder b = b();
        b.coef0 = value;
        return b.build();
    }

    /** Whether the solver shrinks the active set (libsvm's {@code -h}). */
    public SVC shrinking(boolean value) {
        Builder b = b();
        b.shrinking = value;
        return b.build();
    }

    /** Whether to fit the probability model (5-fold cross-validation inside the fit: about 6× slower). */
    public SVC probability(boolean value) {
        Builder b = b();
        b.probability = value;
        return b.build();
    }

    /** The stopping tolerance {@code > 0} on the maximal KKT violation. */
    public SVC tol(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The 'tol' parameter of SVC must be a float in the range (0.0, inf). Got "
                    + PythonFormat.floatRepr(value) + " instead.");
        }
        Builder b = b();
        b.tol = value;
        return b.build();
    }

    /** The kernel cache budget of each solve, in megabytes (2^20 bytes), {@code > 0}. */
    public SVC cacheSize(double megabytes) {
        if (!(megabytes > 0) || Double.isInfinite(megabytes)) {
            throw new IllegalArgumentException("The 'cache_size' parameter of SVC must be a float in the range (0, inf). Got "
                    + PythonFormat.floatRepr(megabytes) + " instead.");
        }
        Builder b = b();
        b.cacheSize = megabytes;
        return b.build();
    }

    /**
     * Per-class factors of C: {@code C_class = C · weight}. Classes not in the map keep 1. Null
     * means no class weights.
     */
    public SVC classWeight(Map<Integer, Double> weights) {
        Builder b = b();
        if (weights == null) {
            b.classWeight = null;
        } else {
            TreeMap<Integer, Double> copy = new TreeMap<>();
            for (Map.Entry<Integer, Double> e : weights.entrySet()) {
                Double w = e.getValue();
                if (e.getKey() == null || w == null || !Double.isFinite(w) || w < 0) {
                    throw new IllegalArgumentException("The 'class_weight' parameter of SVC must map class labels to "
                            + "finite weights >= 0. Got " + e.getKey() + ": " + w + ".");
                }
                copy.put(e.getKey(), w);
            }
            b.classWeight = Collections.unmodifiableMap(copy);
        }
        return b.build();
    }

    /** {@code 'balanced'}: weight {@code n_samples / (n_classes · count(class))} for each class. */
    public SVC classWeight(String value) {
        if (value != null && !BALANCED.equals(value)) {
            throw new IllegalArgumentException("The 'class_weight' parameter of SVC must be a str among {'balanced'}, "
                    + "an instance of 'dict' or None. Got " + repr(value) + " instead.");
        }
        Builder b = b();
        b.classWeight = value;
        return b.build();
    }

    /** Same as {@code classWeight("balanced")}. */
    public SVC classWeightBalanced() {
        return classWeight(BALANCED);
    }

    /** Logs libsvm's progress messages at INFO instead of DEBUG. */
    public SVC verbose(boolean value) {
        Builder b = b();
        b.verbose = value;
        return b.build();
    }

    /** The most SMO steps of each solve, or −1 for no limit. */
    public SVC maxIter(int value) {
        if (value < -1) {
            throw new IllegalArgumentException("The 'max_iter' parameter of SVC must be an int in the range [-1, inf). Got "
                    + value + " instead.");
        }
        Builder b = b();
        b.maxIter = value;
        return b.build();
    }

    /**
     * {@code decision_function_shape} (default {@link DecisionFunctionShape#OVR}): the shape of the decision function
     * for more than two classes.
     */
    public SVC decisionFunctionShape(DecisionFunctionShape value) {
        Builder b = b();
        b.decisionFunctionShape = Objects.requireNonNull(value, "decision_function_shape");
        return b.build();
    }

    /** {@code 'ovr'} or {@code 'ovo'}. */
    public SVC decisionFunctionShape(String value) {
        return decisionFunctionShape(DecisionFunctionShape.parse(value));
    }

    /** With 'ovr' and more than two classes, predict the argmax of the ovr decision function instead of libsvm's vote. */
    public SVC breakTies(boolean value) {
        Builder b = b();
        b.breakTies = value;
        return b.build();
    }

    /**
     * The seed of the probability cross-validation's shuffle, as scikit-learn's {@code random_state}:
     * an integer in {@code [0, 2^32 − 1]}, or null for a fresh random seed at every fit.
     */
    public SVC randomState(Long value) {
        if (value != null) {
            SklearnRandom.deriveSeed(value); // validates the range
        }
        Builder b = b();
        b.randomState = value;
        return b.build();
    }

    /** Same as {@link #randomState(Long)}. */
    public SVC randomState(long value) {
        return randomState(Long.valueOf(value));
    }

    /**
     * The backend that evaluates the kernel (fit and predictions); null (the default) means
     * {@link Backends#select()}. Not a scikit-learn parameter, so not in {@link #getParams()}.
     */
    public SVC backend(Backend value) {
        Builder b = b();
        b.backend = value;
        return b.build();
    }

    /**
     * The thread budget of a fit, {@code >= 1}: kernel columns large enough to be worth splitting
     * ({@link org.paraml.backend.Parallel#MIN_PARALLEL_WORK}), the one-vs-one pairs and the five
     * trainings of probability's cross-validation run on up to this many threads; a solve that has
     * two or more threads to itself and at least 4,096 points splits each SMO step's loops with a
     * second thread. Default: the
     * available processors (scikit-learn's SVC uses one); a parallel search gives each fit its share.
     * Results do not depend on it. Not a scikit-learn parameter, so not in {@link #getParams()}.
     */
    public SVC threads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + value);
        }
        Builder b = b();
        b.threads = value;
        return b.build();
    }

    /**
     * Shares kernel work with the other fits of a search: the kernel values this fit needs are
     * read from (and left in) one matrix per kernel over the search's data, held by {@code work},
     * when the training input is a row view of {@link SharedWork#data()} and the budget allows;
     * otherwise the fit computes them itself. The fitted model is the same either way (the same
     * float32 kernel values reach the same solver). A search sets this on every fit; the fitted
     * model does not keep it. Not a scikit-learn parameter, so not in {@link #getParams()}.
     *
     * @param work the search's scope, or null for none
     */
    @Override
    public SVC sharing(SharedWork work) {
        Builder b = b();
        b.shared = work;
        return b.build();
    }

    /**
     * This SVC with {@code probability=false}: libsvm fits the probability model (Platt's sigmoid on the
     * decision values of an internal 5-fold cross-validation) apart from the classifier, and
     * {@code predict}, {@code decisionFunction} and {@code score} never read it (as in scikit-learn, they may
     * disagree with {@code predict_proba}), so a fit without it gives the same classifier, bit for bit, in
     * about a sixth of the time.
     */
    @Override
    public SVC withoutProbabilityModel() {
        return probability ? probability(false) : this;
    }

    /** The scope set with {@link #sharing(SharedWork)}, or null. */
    public SharedWork sharedWork() {
        return shared;
    }

    // ---------------------------------------------------------------- getters

    /** {@code C}: the regularisation constant (default 1.0). */
    public double c() {
        return c;
    }

    /** {@code kernel}: the kernel function (default rbf). */
    public Kernel kernel() {
        return kernel;
    }

    /** {@code degree}: the exponent of the poly kernel (default 3). */
    public int degree() {
        return degree;
    }

    /** {@code "scale"}, {@code "auto"}, or a {@link Double}. */
    public Object gamma() {
        return gammaMode != null ? gammaMode : (Object) gammaValue;
    }

    /** {@code coef0}: the additive constant of the poly and sigmoid kernels (default 0.0). */
    public double coef0() {
        return coef0;
    }

    /** {@code shrinking}: whether the solver shrinks the active set (default true). */
    public boolean shrinking() {
        return shrinking;
    }

    /** {@code probability}: whether the fit also fits the probability model (default false). */
    public boolean probability() {
        return probability;
    }

    /** {@code tol}: the stopping tolerance on the maximal KKT violation (default 1e-3). */
    public double tol() {
        return tol;
    }

    /** The kernel cache budget in megabytes. */
    public double cacheSize() {
        return cacheSize;
    }

    /** Null, {@code "balanced"}, or an unmodifiable {@code Map<Integer, Double>}. */
    public Object classWeight() {
        return classWeight;
    }

    /** {@code verbose}: whether libsvm's progress messages are logged at INFO instead of DEBUG (default false). */
    public boolean verbose() {
        return verbose;
    }

    /** {@code max_iter}: the most SMO steps of each solve, or −1 for no limit (the default). */
    public int maxIter() {
        return maxIter;
    }

    /** {@code decision_function_shape} (default ovr). */
    public DecisionFunctionShape decisionFunctionShape() {
        return decisionFunctionShape;
    }

    /**
     * {@code break_ties} (default false): with 'ovr' and more than two classes, whether predictions take the argmax of
     * the decision function instead of libsvm's vote.
     */
    public boolean breakTies() {
        return breakTies;
    }

    /** Null or the seed. */
    public Long randomState() {
        return randomState;
    }

    /** The backend set with {@link #backend(Backend)}, or {@link Backends#select()} when none was. */
    public Backend backend() {
        return backend != null ? backend : Backends.select();
    }

    /** The thread budget of kernel evaluations. */
    public int threads() {
        return threads;
    }

    // ---------------------------------------------------------------- parameter map

    /**
     * The parameters under scikit-learn's names, in its (alphabetical) order: {@code C} (Double),
     * {@code break_ties} (Boolean), {@code cache_size} (Double), {@code class_weight} (null,
     * "balanced" or a {@code Map<Integer, Double>}), {@code coef0} (Double),
     * {@code decision_function_shape} ("ovr"/"ovo"), {@code degree} (Integer), {@code gamma}
     * ("scale", "auto" or a Double), {@code kernel} (String), {@code max_iter} (Integer),
     * {@code probability} (Boolean), {@code random_state} (null or Long), {@code shrinking}
     * (Boolean), {@code tol} (Double), {@code verbose} (Boolean). The map is unmodifiable.
     */
    public Map<String, Object> getParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("C", c);
        m.put("break_ties", breakTies);
        m.put("cache_size", cacheSize);
        m.put("class_weight", classWeight);
        m.put("coef0", coef0);
        m.put("decision_function_shape", decisionFunctionShape.sklearnName());
        m.put("degree", degree);
        m.put("gamma", gamma());
        m.put("kernel", kernel.sklearnName());
        m.put("max_iter", maxIter);
        m.put("probability", probability);
        m.put("random_state", randomState);
        m.put("shrinking", shrinking);
        m.put("tol", tol);
        m.put("verbose", verbose);
        return Collections.unmodifiableMap(m);
    }

    /**
     * A copy with the given parameters changed (scikit-learn's {@code set_params} without the
     * mutation). Keys are scikit-learn's names (see {@link #getParams()}); numbers may be any
     * {@link Number} of the right kind, enumerations may be given as their scikit-learn strings.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    @SuppressWarnings("unchecked")
    public SVC withParams(Map<String, ?> params) {
        SVC s = this;
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "C" -> s = s.c(real(k, v));
                case "break_ties" -> s = s.breakTies(bool(k, v));
                case "cache_size" -> s = s.cacheSize(real(k, v));
                case "class_weight" -> {
                    if (v == null || v instanceof String) {
                        s = s.classWeight((String) v);
                    } else if (v instanceof Map<?, ?> map) {
                        Map<Integer, Double> w = new TreeMap<>();
                        for (Map.Entry<?, ?> we : map.entrySet()) {
                            w.put(integer("class_weight", we.getKey()), real("class_weight", we.getValue()));
                        }
                        s = s.classWeight(w);
                    } else {
                        throw new IllegalArgumentException("The 'class_weight' parameter of SVC must be a str among "
                                + "{'balanced'}, an instance of 'dict' or None. Got " + v + " instead.");
                    }
                }
                case "coef0" -> s = s.coef0(real(k, v));
                case "decision_function_shape" -> s = v instanceof DecisionFunctionShape d
                        ? s.decisionFunctionShape(d) : s.decisionFunctionShape(string(k, v));
                case "degree" -> s = s.degree(integer(k, v));
                case "gamma" -> s = v instanceof String str ? s.gamma(str) : s.gamma(real(k, v));
                case "kernel" -> s = v instanceof Kernel kk ? s.kernel(kk) : s.kernel(string(k, v));
                case "max_iter" -> s = s.maxIter(integer(k, v));
                case "probability" -> s = s.probability(bool(k, v));
                case "random_state" -> s = s.randomState(v == null ? null : longInteger(k, v));
                case "shrinking" -> s = s.shrinking(bool(k, v));
                case "tol" -> s = s.tol(real(k, v));
                case "verbose" -> s = s.verbose(bool(k, v));
                default -> throw new IllegalArgumentException("Invalid parameter " + repr(k)
                        + " for estimator SVC(). Valid parameters are: " + pyList(PARAM_NAMES) + ".");
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- fit

    /** {@link #fit(Matrix, int[], double[])} with all sample weights 1. */
    public SVCModel fit(Matrix x, int[] y) {
        return fit(x, y, null);
    }

    /**
     * Fits the classifier.
     *
     * @param x            {@code n_samples × n_features}, or the {@code n_samples × n_samples} Gram
     *                     matrix for {@code kernel='precomputed'}; not modified, and not kept
     *                     (the model copies its support vectors)
     * @param y            the class label of each row; at least two distinct labels
     * @param sampleWeight per-row factors of C ({@code >= 0}; rows with weight 0 are left out), or null
     * @return the fitted model
     * @throws IllegalArgumentException for bad input, with a message naming it
     */
    public SVCModel fit(Matrix x, int[] y, double[] sampleWeight) {
        Objects.requireNonNull(x, "X");
        Objects.requireNonNull(y, "y");
        Validation.checkConsistentLength(x, y);
        Validation.checkShape(x, "SVC", 1, 1);
        Validation.checkFinite(x, "X");
        int n = x.rows();
        if (kernel == Kernel.PRECOMPUTED && x.cols() != n) {
            throw new IllegalArgumentException("Precomputed matrix must be a square matrix. Input is a " + n + "x"
                    + x.cols() + " matrix.");
        }
        double[] weight;
        if (sampleWeight == null) {
            weight = new double[n];
            Arrays.fill(weight, 1.0);
        } else {
            Validation.checkConsistentLength(x, sampleWeight, "sample_weight");
            Validation.checkFinite(sampleWeight, "sample_weight");
            for (int i = 0; i < n; i++) {
                if (sampleWeight[i] < 0) {
                    throw new IllegalArgumentException("Negative values in data passed to `sample_weight` (first at index "
                            + i + ": " + sampleWeight[i] + "); weights must be >= 0.");
                }
            }
            weight = sampleWeight.clone();
        }

        int[] classes = Labels.classes(y);
        if (classes.length < 2) {
            throw new IllegalArgumentException("The number of classes has to be greater than one; got "
                    + classes.length + " class");
        }
        int[] encoded = Labels.encode(y, classes);
        double[] classFactor = classWeights(classes, y);
        checkPositiveWeights(classes, encoded, weight, sampleWeight != null);

        double gamma = resolveGamma(x);
        int seed = SklearnRandom.deriveSeed(randomState);
        KernelParams kp = new KernelParams(kernel, gamma, coef0, degree);
        Backend be = kernel == Kernel.PRECOMPUTED ? null : backend();
        KernelSource source = Kernels.source(kp, x, be, threads);
        ColumnArrays pool = null;
        SharedGram gram = null;
        if (shared != null && kernel != Kernel.PRECOMPUTED) {
            int[] base = shared.rowsOf(x);
            gram = base == null ? null : SharedGram.of(shared, be, Kernels.spec(kp));
            if (gram != null) {
                source = new SharedKernelSource(gram, base, source, threads, SmoOps.forBackend(be));
                // the search's fits also hand their kernel caches' arrays on to each other
                pool = SharedColumnArrays.of(shared);
            }
        }
        if (pool == null) {
            pool = ColumnArrays.processWide();
        }
        SolverSettings settings = new SolverSettings(tol, shrinking, cacheSize, maxIter, SmoOps.forBackend(be));
        FitContext ctx = new FitContext(source, settings, new SklearnRandom(seed), threads, pool);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        long poolFloats = ColumnArrays.floatsFor(cacheSize, threads);
        pool.enter(poolFloats);
        if (gram != null) {
            gram.enter(); // the rows this fit reads stay valid until it leaves, even if the search closes the matrix
        }
        RawModel raw;
        try {
            raw = OneVsOneTrainer.train(ctx, rows, encoded, weight, c, label -> classFactor[label], probability);
        } finally {
            pool.leave(poolFloats);
            if (gram != null) {
                gram.leave();
            }
        }

        for (double r : raw.rho()) {
            checkFiniteResult(r);
        }
        for (double[] row : raw.svCoef()) {
            for (double v : row) {
                checkFiniteResult(v);
            }
        }
        if (raw.timedOut()) {
            LOG.log(System.Logger.Level.WARNING, "Solver terminated early (max_iter=" + maxIter
                    + ").  Consider pre-processing your data with StandardScaler or MinMaxScaler.");
        }
        if (verbose) {
            LOG.log(System.Logger.Level.INFO, "[LibSVM] iterations per pair " + Arrays.toString(raw.nIter())
                    + ", objective " + Arrays.toString(raw.objective()) + ", support vectors "
                    + Arrays.toString(raw.nSupport()));
        }
        Matrix sv = kernel == Kernel.PRECOMPUTED ? Matrix.zeros(0, 0) : x.selectRows(raw.support()).copy();
        return new SVCModel(shared == null ? this : sharing(null), gamma, classes, raw, sv, n, x.cols());
    }

    private static void checkFiniteResult(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("The dual coefficients or intercepts are not finite. "
                    + "The input data may contain large values and need to be preprocessed.");
        }
    }

    private void checkPositiveWeights(int[] classes, int[] encoded, double[] weight, boolean weighted) {
        if (!weighted) {
            return;
        }
        boolean[] present = new boolean[classes.length];
        int kept = 0;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] > 0) {
                present[encoded[i]] = true;
                kept++;
            }
        }
        if (kept == 0) {
            throw new IllegalArgumentException("Invalid input - all samples have zero or negative weights.");
        }
        int presentCount = 0;
        for (boolean p : present) {
            presentCount += p ? 1 : 0;
        }
        if (presentCount == 1) {
            throw new IllegalArgumentException("Invalid input - all samples with positive weights have the same label.");
        }
        for (int k = 0; k < classes.length; k++) {
            if (!present[k]) {
                throw new IllegalArgumentException("Invalid input - class " + classes[k]
                        + " has no sample with a positive weight in sample_weight.");
            }
        }
    }

    /** scikit-learn's {@code compute_class_weight(class_weight, classes, y)}. */
    double[] classWeights(int[] classes, int[] y) {
        double[] w = new double[classes.length];
        Arrays.fill(w, 1.0);
        if (classWeight == null) {
            return w;
        }
        if (BALANCED.equals(classWeight)) {
            int[] counts = Labels.counts(y, classes);
            for (int k = 0; k < classes.length; k++) {
                w[k] = y.length / (classes.length * (double) counts[k]);
            }
            return w;
        }
        @SuppressWarnings("unchecked")
        Map<Integer, Double> map = (Map<Integer, Double>) classWeight;
        List<Integer> unweighted = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            Double v = map.get(classes[k]);
            if (v != null) {
                w[k] = v;
            } else {
                unweighted.add(classes[k]);
            }
        }
        int weightedCount = classes.length - unweighted.size();
        if (!unweighted.isEmpty() && weightedCount != map.size()) {
            throw new IllegalArgumentException("The classes, " + unweighted + ", are not in class_weight");
        }
        return w;
    }

    /** The γ a fit on {@code x} uses (0 for precomputed kernels, where it is unused). */
    double resolveGamma(Matrix x) {
        if (kernel == Kernel.PRECOMPUTED) {
            return 0.0;
        }
        if (gammaMode == null) {
            return gammaValue;
        }
        if (gammaMode.equals("auto")) {
            return 1.0 / x.cols();
        }
        double var = NumpySum.variance(x);
        return var != 0 ? 1.0 / (x.cols() * var) : 1.0;
    }

    // ---------------------------------------------------------------- helpers

    private static double real(String name, Object v) {
        if (v instanceof Number num && !(v instanceof Boolean)) {
            return num.doubleValue();
        }
        throw new IllegalArgumentException("The '" + name + "' parameter of SVC must be a number. Got "
                + reprObject(v) + " instead.");
    }

    private static int integer(String name, Object v) {
        long l = longInteger(name, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The '" + name + "' parameter of SVC must be an int. Got " + l
                    + " instead.");
        }
        return (int) l;
    }

    private static long longInteger(String name, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("The '" + name + "' parameter of SVC must be an int. Got "
                + reprObject(v) + " instead.");
    }

    private static boolean bool(String name, Object v) {
        if (v instanceof Boolean bo) {
            return bo;
        }
        throw new IllegalArgumentException("The '" + name + "' parameter of SVC must be an instance of 'bool'. Got "
                + reprObject(v) + " instead.");
    }

    private static String string(String name, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("The '" + name + "' parameter of SVC must be a str. Got "
                + reprObject(v) + " instead.");
    }

    static String repr(String s) {
        return s == null ? "None" : "'" + s + "'";
    }

    private static String reprObject(Object v) {
        return v instanceof String s ? repr(s) : String.valueOf(v);
    }

    private static String pyList(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? ", " : "").append('\'').append(names.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SVC(");
        SVC d = new SVC();
        boolean first = true;
        Map<String, Object> mine = getParams();
        Map<String, Object> defaults = d.getParams();
        for (String k : PARAM_NAMES) {
            if (!Objects.equals(mine.get(k), defaults.get(k))) {
                sb.append(first ? "" : ", ").append(k).append('=').append(pyValue(mine.get(k)));
                first = false;
            }
        }
        return sb.append(')').toString();
    }

    private static String pyValue(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Boolean bo) {
            return bo ? "True" : "False";
        }
        return String.valueOf(v).toLowerCase(Locale.ROOT).equals("nan") ? "nan" : String.valueOf(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SVC other && getParams().equals(other.getParams());
    }

    @Override
    public int hashCode() {
        return getParams().hashCode();
    }

    private static final class Builder {
        double c;
        Kernel kernel;
        int degree;
        String gammaMode;
        double gammaValue;
        double coef0;
        boolean shrinking;
        boolean probability;
        double tol;
        double cacheSize;
        Object classWeight;
        boolean verbose;
        int maxIter;
        DecisionFunctionShape decisionFunctionShape;
        boolean breakTies;
        Long randomState;
        Backend backend;
        int threads;
        SharedWork shared;

        Builder(SVC s) {
            c = s.c;
            kernel = s.kernel;
            degree = s.degree;
            gammaMode = s.gammaMode;
            gammaValue = s.gammaValue;
            coef0 = s.coef0;
            shrinking = s.shrinking;
            probability = s.probability;
            tol = s.tol;
            cacheSize = s.cacheSize;
            classWeight = s.classWeight;
            verbose = s.verbose;
            maxIter = s.maxIter;
            decisionFunctionShape = s.decisionFunctionShape;
            breakTies = s.breakTies;
            randomState = s.randomState;
            backend = s.backend;
            threads = s.threads;
            shared = s.shared;
        }

        SVC build() {
            return new SVC(c, kernel, degree, gammaMode, gammaValue, coef0, shrinking, probability, tol, cacheSize,
                    classWeight, verbose, maxIter, decisionFunctionShape, breakTies, randomState, backend, threads,
                    shared);
        }
    }
}
