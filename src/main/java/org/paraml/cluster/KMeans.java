package org.paraml.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import org.paraml.data.BlockProgress;
import org.paraml.data.Blocks;
import org.paraml.data.PythonFormat;
import org.paraml.data.RandomState;
import org.paraml.data.Validation;
import org.paraml.estimator.Estimator;
import org.paraml.linalg.Matrix;

/**
 * K-means clustering: scikit-learn's {@code KMeans} (Lloyd's algorithm) with Dask-ML's
 * {@code k-means||} initialisation, for data in memory ({@link #fit(Matrix)}) or in blocks larger than
 * memory ({@link #fit(Blocks)}).
 *
 * <p>Finds k centres {@code c_1..c_k} that locally minimise the inertia
 * {@code Σ_i min_j ||x_i − c_j||²} (squared Euclidean distances, in the squared units of X). An
 * immutable set of hyperparameters, named as scikit-learn and Dask-ML name them, with typed withers and
 * a {@link #getParams()} view; {@code fit} returns an immutable {@link KMeansModel}.
 *
 * <table>
 * <caption>Hyperparameters</caption>
 * <tr><th>name</th><th>default</th><th>meaning</th></tr>
 * <tr><td>n_clusters</td><td>8</td><td>k, the number of centres</td></tr>
 * <tr><td>init</td><td>"k-means||"</td><td>"k-means||" ({@link KMeansParallel Bahmani et al. 2012}),
 *     "k-means++" (greedy, as scikit-learn), "random" (k distinct rows), or a k × d matrix of centres</td></tr>
 * <tr><td>oversampling_factor</td><td>2</td><td>k-means||: expected rows sampled per round, as a
 *     multiple of k (ℓ = oversampling_factor × n_clusters)</td></tr>
 * <tr><td>init_max_iter</td><td>null</td><td>k-means||: the most rounds; null for Dask-ML's default
 *     {@code round(ln ψ)} (at least 1), ψ the cost against the first centre</td></tr>
 * <tr><td>max_iter</td><td>300</td><td>the most Lloyd iterations per run</td></tr>
 * <tr><td>tol</td><td>1e-4</td><td>convergence when {@code Σ_j ||c_j' − c_j||² ≤ tol × mean_f var(X_f)}</td></tr>
 * <tr><td>n_init</td><td>10</td><td>runs with "k-means++" and "random" init, the lowest inertia kept
 *     (scikit-learn 1.2's default); "k-means||" and explicit centres run once</td></tr>
 * <tr><td>random_state</td><td>null</td><td>seed in [0, 2³² − 1] of a numpy-compatible RandomState; null
 *     seeds from the OS (not reproducible)</td></tr>
 * <tr><td>algorithm</td><td>"lloyd"</td><td>"lloyd" ("full", Dask-ML's name, is accepted)</td></tr>
 * </table>
 *
 * <p>How a fit runs (not hyperparameters): {@link #threads(int) threads} (default: available
 * processors), {@link #backend(Backend) backend} (default {@link Backends#select()}),
 * {@link #progress(BlockProgress) progress} listener, and the block size used to cut in-memory data
 * ({@link #blockRows(int)}). The same random_state gives the same result whatever the thread count;
 * across block sizes the same partition and iterations, with centres and inertia equal up to the
 * rounding of sums (about 1e-15 relative). The first fit of a million rows or more on the SIMD backend in a
 * JVM starts with a short fit on its first 20,000 rows, whose model is dropped, so that the JIT compiles the
 * vector loops before the passes over all the rows (about a second; the model is the same without it;
 * {@code -Dparaml.kmeans.rehearsal=false} turns it off).
 */
public final class KMeans implements Estimator {
    /** {@code init="k-means||"}: scalable k-means++ (Bahmani et al. 2012). */
    public static final String K_MEANS_PARALLEL = "k-means||";
    /** {@code init="k-means++"}: greedy k-means++, as scikit-learn. */
    public static final String K_MEANS_PLUS_PLUS = "k-means++";
    /** {@code init="random"}: k distinct rows chosen uniformly. */
    public static final String RANDOM = "random";
    /** Rows per block when an in-memory matrix is fitted. */
    public static final int DEFAULT_BLOCK_ROWS = 16384;

    private static final System.Logger LOG = System.getLogger(KMeans.class.getName());

    private final int nClusters;
    private final Object init;
    private final double oversamplingFactor;
    private final Integer initMaxIter;
    private final int maxIter;
    private final double tol;
    private final int nInit;
    private final Long randomState;
    private final String algorithm;
    private final int threads;
    private final Backend backend;
    private final BlockProgress progress;
    private final int blockRows;

    /** scikit-learn's and Dask-ML's defaults. */
    public KMeans() {
        this(8, K_MEANS_PARALLEL, 2.0, null, 300, 1e-4, 10, null, "lloyd",
                Runtime.getRuntime().availableProcessors(), null, BlockProgress.NONE, DEFAULT_BLOCK_ROWS);
    }

    private KMeans(int nClusters, Object init, double oversamplingFactor, Integer initMaxIter, int maxIter, double tol,
            int nInit, Long randomState, String algorithm, int threads, Backend backend, BlockProgress progress,
            int blockRows) {
        this.nClusters = nClusters;
        this.init = init;
        this.oversamplingFactor = oversamplingFactor;
        this.initMaxIter = initMaxIter;
        this.maxIter = maxIter;
        this.tol = tol;
        this.nInit = nInit;
        this.randomState = randomState;
        this.algorithm = algorithm;
        this.threads = threads;
        this.backend = backend;
        this.progress = progress;
        this.blockRows = blockRows;
    }

    private KMeans copy(int nClusters, Object init, double oversamplingFactor, Integer initMaxIter, int maxIter,
            double tol, int nInit, Long randomState, String algorithm) {
        return new KMeans(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm,
                threads, backend, progress, blockRows);
    }

    // ---------------------------------------------------------------- hyperparameters

    /** {@code n_clusters}: k, {@code >= 1}. */
    public KMeans nClusters(int k) {
        if (k < 1) {
            throw badParam("n_clusters", "an int in the range [1, inf)", k);
        }
        return copy(k, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm);
    }

    /** {@code init}: "k-means||", "k-means++" or "random". */
    public KMeans init(String method) {
        if (!K_MEANS_PARALLEL.equals(method) && !K_MEANS_PLUS_PLUS.equals(method) && !RANDOM.equals(method)) {
            throw badParam("init", "a str among {'k-means||', 'k-means++', 'random'} or an array of shape "
                    + "(n_clusters, n_features)", method == null ? "None" : "'" + method + "'");
        }
        return copy(nClusters, method, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm);
    }

    /**
     * {@code init}: explicit initial centres, {@code n_clusters × n_features} (copied, finite). A shape
     * that does not match n_clusters or the data is an error at fit, as in scikit-learn. Runs once.
     */
    public KMeans init(Matrix centres) {
        Objects.requireNonNull(centres, "init");
        Validation.checkFinite(centres, "init");
        return copy(nClusters, centres.copy(), oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState,
                algorithm);
    }

    /** {@code oversampling_factor}: {@code > 0}; k-means|| samples about this × n_clusters rows per round. */
    public KMeans oversamplingFactor(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw badParam("oversampling_factor", "a float in the range (0, inf)", factor);
        }
        return copy(nClusters, init, factor, initMaxIter, maxIter, tol, nInit, randomState, algorithm);
    }

    /** {@code init_max_iter}: the most k-means|| rounds, {@code >= 0}, or null for the default. */
    public KMeans initMaxIter(Integer rounds) {
        if (rounds != null && rounds < 0) {
            throw badParam("init_max_iter", "an int in the range [0, inf) or None", rounds);
        }
        return copy(nClusters, init, oversamplingFactor, rounds, maxIter, tol, nInit, randomState, algorithm);
    }

    /** {@code max_iter}: the most Lloyd iterations per run, {@code >= 1}. */
    public KMeans maxIter(int iterations) {
        if (iterations < 1) {
            throw badParam("max_iter", "an int in the range [1, inf)", iterations);
        }
        return copy(nClusters, init, oversamplingFactor, initMaxIter, iterations, tol, nInit, randomState, algorithm);
    }

    /** {@code tol}: {@code >= 0}, relative to the mean feature variance. */
    public KMeans tol(double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw badParam("tol", "a float in the range [0.0, inf)", tolerance);
        }
        return copy(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tolerance, nInit, randomState,
                algorithm);
    }

    /** {@code n_init}: runs for "k-means++" and "random" init, {@code >= 1}. */
    public KMeans nInit(int runs) {
        if (runs < 1) {
            throw badParam("n_init", "an int in the range [1, inf)", runs);
        }
        return copy(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, runs, randomState, algorithm);
    }

    /** {@code random_state}: a seed in [0, 2³² − 1], or null for an unreproducible seed from the OS. */
    public KMeans randomState(Long seed) {
        if (seed != null && (seed < 0 || seed > RandomState.MAX_SEED)) {
            throw badParam("random_state", "an int in the range [0, 4294967295] or None", seed);
        }
        return copy(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, seed, algorithm);
    }

    /** {@code random_state} as a primitive. */
    public KMeans randomState(long seed) {
        return randomState(Long.valueOf(seed));
    }

    /** {@code algorithm}: "lloyd" (or "full", its Dask-ML name). */
    public KMeans algorithm(String name) {
        if (!"lloyd".equals(name) && !"full".equals(name)) {
            throw badParam("algorithm", "a str among {'lloyd', 'full'} ('elkan' is not implemented)",
                    name == null ? "None" : "'" + name + "'");
        }
        return copy(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, name);
    }

    /**
     * Sets hyperparameters by their scikit-learn names (for searches). Numbers may be any
     * {@link Number} of integral value where an int is expected; {@code init} is a String or a Matrix.
     */
    public KMeans withParams(Map<String, ?> params) {
        KMeans k = this;
        for (Map.Entry<String, ?> e : params.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case "n_clusters" -> k = k.nClusters(intValue(e.getKey(), v));
                case "init" -> k = v instanceof Matrix m ? k.init(m) : k.init((String) v);
                case "oversampling_factor" -> k = k.oversamplingFactor(((Number) v).doubleValue());
                case "init_max_iter" -> k = k.initMaxIter(v == null ? null : intValue(e.getKey(), v));
                case "max_iter" -> k = k.maxIter(intValue(e.getKey(), v));
                case "tol" -> k = k.tol(((Number) v).doubleValue());
                case "n_init" -> k = k.nInit(intValue(e.getKey(), v));
                case "random_state" -> k = k.randomState(v == null ? null : ((Number) v).longValue());
                case "algorithm" -> k = k.algorithm((String) v);
                default -> throw new IllegalArgumentException("Invalid parameter '" + e.getKey()
                        + "' for estimator KMeans. Valid parameters are: " + getParams().keySet() + ".");
            }
        }
        return k;
    }

    /** The hyperparameters by their scikit-learn / Dask-ML names, in a fixed order; unmodifiable. */
    public Map<String, Object> getParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm);
        m.put("init", init);
        m.put("init_max_iter", initMaxIter);
        m.put("max_iter", maxIter);
        m.put("n_clusters", nClusters);
        m.put("n_init", nInit);
        m.put("oversampling_factor", oversamplingFactor);
        m.put("random_state", randomState);
        m.put("tol", tol);
        return Collections.unmodifiableMap(m);
    }

    /** {@code n_clusters}. */
    public int nClusters() {
        return nClusters;
    }

    /** The init method ("k-means||", "k-means++", "random"), or "array" for explicit centres. */
    public String initMethod() {
        return init instanceof String s ? s : "array";
    }

    /** The explicit initial centres (a copy), or null. */
    public Matrix initCentres() {
        return init instanceof Matrix m ? m.copy() : null;
    }

    /** {@code oversampling_factor}. */
    public double oversamplingFactor() {
        return oversamplingFactor;
    }

    /** {@code init_max_iter}, null for the default number of k-means|| rounds. */
    public Integer initMaxIter() {
        return initMaxIter;
    }

    /** {@code max_iter}. */
    public int maxIter() {
        return maxIter;
    }

    /** {@code tol}, before scaling by the mean feature variance. */
    public double tol() {
        return tol;
    }

    /** {@code n_init}. */
    public int nInit() {
        return nInit;
    }

    /** {@code random_state}, or null. */
    public Long randomState() {
        return randomState;
    }

    /** {@code algorithm}. */
    public String algorithm() {
        return algorithm;
    }

    // ---------------------------------------------------------------- execution

    /** Compute threads of a fit (plus one prefetch thread for out-of-core blocks), {@code >= 1}. */
    public KMeans threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        return new KMeans(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm,
                n, backend, progress, blockRows);
    }

    /** The backend that computes distances and sums; null for {@link Backends#select()}. */
    public KMeans backend(Backend b) {
        return new KMeans(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm,
                threads, b, progress, blockRows);
    }

    /** Told of every block of every pass (phases such as "k-means|| round 2 of 3", "lloyd iteration 7"). */
    public KMeans progress(BlockProgress listener) {
        return new KMeans(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm,
                threads, backend, listener == null ? BlockProgress.NONE : listener, blockRows);
    }

    /** Rows per block when fitting an in-memory matrix (results then equal those of {@code Blocks.of(x, rows)}). */
    public KMeans blockRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + rows);
        }
        return new KMeans(nClusters, init, oversamplingFactor, initMaxIter, maxIter, tol, nInit, randomState, algorithm,
                threads, backend, progress, rows);
    }

    /** Compute threads of a fit. */
    public int threads() {
        return threads;
    }

    /** Rows per block when an in-memory matrix is fitted. */
    public int blockRows() {
        return blockRows;
    }

    // ---------------------------------------------------------------- fitting

    /**
     * Clusters the rows of {@code x} ({@code n_samples × n_features}, finite, {@code n_samples >= n_clusters}).
     * The model's labels are an {@code int[]}.
     */
    public KMeansModel fit(Matrix x) {
        Objects.requireNonNull(x, "X");
        Validation.checkShape(x, "KMeans", 1, 1);
        Validation.checkFinite(x, "X");
        int[] labels = new int[x.rows()];
        Fit f = new Fit(this, Blocks.of(x, blockRows), true, (block, first, l, rows) ->
                System.arraycopy(l, 0, labels, (int) first, rows));
        f.run();
        return f.model(ClusterLabels.of(labels));
    }

    /**
     * The {@link Estimator} form of {@link #fit(Matrix)}, so that a search can tune KMeans: {@code y}
     * is ignored, as scikit-learn's {@code KMeans.fit(X, y=None)} ignores it.
     */
    @Override
    public KMeansModel fit(Matrix x, int[] y) {
        return fit(x);
    }

    /**
     * Clusters the rows of {@code x}, reading its blocks once per pass (persist expensive sources first:
     * {@link Blocks#persist}). The model's labels are computed again from the blocks when asked for;
     * {@link #fit(Blocks, BlockLabelsConsumer)} streams them during the fit instead.
     */
    public KMeansModel fit(Blocks x) {
        return fit(x, null);
    }

    /**
     * As {@link #fit(Blocks)}, handing the final labels to {@code labelsOut} block by block, in order,
     * as the last pass computes them (e.g. into an {@link org.paraml.data.NpyWriter}); no other pass is
     * made for them.
     */
    public KMeansModel fit(Blocks x, BlockLabelsConsumer labelsOut) {
        Objects.requireNonNull(x, "X");
        Fit f = new Fit(this, x, false, labelsOut);
        f.run();
        return f.model(f.streamedLabels(x));
    }

    /**
     * Clusters the rows of the blocks that {@code passes} reaches — blocks that live elsewhere, such as the
     * partitions of a Spark cluster ({@code org.paraml.spark.SparkKMeans}). Every pass is a
     * {@link BlockStep} the runner applies to each block; this JVM merges the per-block results in block
     * order, so the model equals {@link #fit(Blocks)} on the same blocks with the same backend, bit for bit.
     * The model's labels are computed by {@code passes} when read, while it is open.
     */
    public KMeansModel fit(PassRunner passes) {
        Objects.requireNonNull(passes, "passes");
        Fit f = new Fit(this, passes, false, null);
        f.run();
        return f.model(f.streamedLabels(passes));
    }

    /** The backend set, or the selected one. */
    Backend resolvedBackend() {
        return backend != null ? backend : Backends.select();
    }

    /** {@code init}: a String or a Matrix. */
    Object init() {
        return init;
    }

    /** The progress listener of fits. */
    BlockProgress progress() {
        return progress;
    }

    private static int intValue(String name, Object v) {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw badParam(name, "an int", v);
    }

    /** scikit-learn's wording for a parameter out of range. */
    static IllegalArgumentException badParam(String name, String allowed, Object got) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "The '%s' parameter of KMeans must be %s. Got %s instead.", name, allowed,
                got instanceof Double d ? PythonFormat.floatRepr(d) : got));
    }

    @Override
    public String toString() {
        return "KMeans" + getParams();
    }

    /** The logger of fits ({@code org.paraml.cluster.KMeans}). */
    static System.Logger log() {
        return LOG;
    }
}
