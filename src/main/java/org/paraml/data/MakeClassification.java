package org.paraml.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import org.paraml.linalg.Matrix;

/**
 * scikit-learn's {@code sklearn.datasets.make_classification} (1.2): a random n-class problem,
 * reproduced draw for draw from a numpy-compatible {@link RandomState}.
 *
 * <p>An immutable parameter object: each setter returns a copy with one parameter changed, named
 * after scikit-learn's parameter in camelCase, with scikit-learn's default:
 * <pre>{@code
 * Dataset d = new MakeClassification().nSamples(10000).nFeatures(4).randomState(0).generate();
 * // X, y = make_classification(n_samples=10000, n_features=4, random_state=0)
 * }</pre>
 *
 * <p>The model (Guyon's "Madelon" design), in the order scikit-learn draws it:
 * <ol>
 *   <li>{@code n_clusters = n_classes · n_clusters_per_class} centroids: distinct vertices of the
 *       {@code n_informative}-cube, {@code ±class_sep} per coordinate (the vertex numbers come from
 *       {@link SampleWithoutReplacement}; above 30 dimensions the extra leading coordinates are
 *       {@code randint(2)} draws). With {@code hypercube = false} each centroid row is then scaled
 *       by a {@code uniform(0,1)} draw and each column by another ("a random polytope").</li>
 *   <li>The informative features: {@code N(0,1)}; cluster {@code k} takes the next
 *       {@code n_samples_per_cluster[k]} rows, gets label {@code k mod n_classes}, is multiplied by a
 *       random {@code A ~ U(−1,1)^{n_inf × n_inf}} (covariance) and shifted to its centroid. Rows are
 *       shared out by {@code int(n_samples · w[k mod n_classes] / n_clusters_per_class)}, the
 *       remainder one by one from cluster 0.</li>
 *   <li>Redundant features: {@code X_inf · B}, {@code B ~ U(−1,1)^{n_inf × n_redundant}}.
 *       Repeated features: copies of columns {@code int((n_inf + n_red − 1) · u + 0.5)}. Useless
 *       features: {@code N(0,1)}.</li>
 *   <li>Label noise: each label, with probability {@code flip_y}, is replaced by
 *       {@code randint(n_classes)} (so the label may stay the same).</li>
 *   <li>{@code X ← (X + shift) · scale} per column; {@code shift = None} draws
 *       {@code (2u − 1) · class_sep}, {@code scale = None} draws {@code 1 + 100u}.</li>
 *   <li>With {@code shuffle}, rows are permuted ({@code sklearn.utils.shuffle}), then columns.</li>
 * </ol>
 *
 * <p>Agreement with scikit-learn: labels and every random draw are identical; values that pass
 * through the two matrix products ({@code X_k · A}, {@code X_inf · B}) are summed here as a fused
 * multiply-add chain over the inner index, which is how OpenBLAS's x86-64 kernels sum them; other
 * BLAS builds may differ in the last bits (about 1e-16 relative). Normal draws use a correctly
 * rounded logarithm, which agrees with glibc's {@code log} except on the rare inputs glibc
 * misrounds (see {@link RandomState#standardNormal()}).
 *
 * <p>Immutable and thread-safe; each {@link #generate()} with a seed builds its own
 * {@code RandomState}, so concurrent calls give identical results.
 *
 * <p>Parameters with a single range are checked by the setters; the constraints that join several
 * parameters are checked by {@link #generate()}. Messages name the parameter, the value and what is
 * allowed, as scikit-learn's do.
 */
public final class MakeClassification {
    private static final String FN = "make_classification";

    private final int nSamples;
    private final int nFeatures;
    private final int nInformative;
    private final int nRedundant;
    private final int nRepeated;
    private final int nClasses;
    private final int nClustersPerClass;
    private final double[] weights;
    private final double flipY;
    private final double classSep;
    private final boolean hypercube;
    /** Scalar shift (when {@link #shiftVector} is null and {@link #shiftRandom} is false). */
    private final double shiftScalar;
    private final double[] shiftVector;
    private final boolean shiftRandom;
    private final double scaleScalar;
    private final double[] scaleVector;
    private final boolean scaleRandom;
    private final boolean shuffle;
    /** null: seeded from entropy (scikit-learn's {@code random_state=None}). */
    private final Long seed;

    /** scikit-learn's defaults, with {@code random_state=None}. */
    public MakeClassification() {
        this(100, 20, 2, 2, 0, 2, 2, null, 0.01, 1.0, true, 0.0, null, false, 1.0, null, false, true, null);
    }

    private MakeClassification(int nSamples, int nFeatures, int nInformative, int nRedundant, int nRepeated,
            int nClasses, int nClustersPerClass, double[] weights, double flipY, double classSep, boolean hypercube,
            double shiftScalar, double[] shiftVector, boolean shiftRandom, double scaleScalar, double[] scaleVector,
            boolean scaleRandom, boolean shuffle, Long seed) {
        this.nSamples = nSamples;
        this.nFeatures = nFeatures;
        this.nInformative = nInformative;
        this.nRedundant = nRedundant;
        this.nRepeated = nRepeated;
        this.nClasses = nClasses;
        this.nClustersPerClass = nClustersPerClass;
        this.weights = weights;
        this.flipY = flipY;
        this.classSep = classSep;
        this.hypercube = hypercube;
        this.shiftScalar = shiftScalar;
        this.shiftVector = shiftVector;
        this.shiftRandom = shiftRandom;
        this.scaleScalar = scaleScalar;
        this.scaleVector = scaleVector;
        this.scaleRandom = scaleRandom;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    // ---------------------------------------------------------------- setters (copies)

    /** {@code n_samples} (default 100): the number of rows, ≥ 1. */
    public MakeClassification nSamples(int nSamples) {
        ParameterCheck.intAtLeast(FN, "n_samples", nSamples, 1);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_features} (default 20): informative + redundant + repeated + useless, ≥ 1. */
    public MakeClassification nFeatures(int nFeatures) {
        ParameterCheck.intAtLeast(FN, "n_features", nFeatures, 1);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_informative} (default 2): the dimension of the hypercube the clusters sit on, ≥ 1. */
    public MakeClassification nInformative(int nInformative) {
        ParameterCheck.intAtLeast(FN, "n_informative", nInformative, 1);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_redundant} (default 2): random linear combinations of the informative features, ≥ 0. */
    public MakeClassification nRedundant(int nRedundant) {
        ParameterCheck.intAtLeast(FN, "n_redundant", nRedundant, 0);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_repeated} (default 0): copies of randomly chosen informative or redundant features, ≥ 0. */
    public MakeClassification nRepeated(int nRepeated) {
        ParameterCheck.intAtLeast(FN, "n_repeated", nRepeated, 0);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_classes} (default 2), ≥ 1. */
    public MakeClassification nClasses(int nClasses) {
        ParameterCheck.intAtLeast(FN, "n_classes", nClasses, 1);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code n_clusters_per_class} (default 2), ≥ 1. */
    public MakeClassification nClustersPerClass(int nClustersPerClass) {
        ParameterCheck.intAtLeast(FN, "n_clusters_per_class", nClustersPerClass, 1);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /**
     * {@code weights} (default null = balanced): the share of samples of each class, {@code n_classes}
     * values or {@code n_classes − 1} (the last is then {@code 1 − sum}). Each must be finite and
     * ≥ 0 (ParaML's own check; scikit-learn leaves negative weights undefined). If they sum to more
     * than 1, the later clusters are cut short, as in scikit-learn.
     */
    public MakeClassification weights(double... weights) {
        double[] w = null;
        if (weights != null) {
            w = weights.clone();
            for (int i = 0; i < w.length; i++) {
                if (!(w[i] >= 0.0) || w[i] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("The 'weights' parameter of " + FN
                            + " must hold finite shares >= 0. Got weights[" + i + "] = " + w[i] + " in "
                            + Arrays.toString(w) + " instead.");
                }
            }
        }
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, w, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code flip_y} (default 0.01): the fraction of labels reassigned at random, in [0, 1]. */
    public MakeClassification flipY(double flipY) {
        ParameterCheck.realInClosed(FN, "flip_y", flipY, 0.0, 1.0);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code class_sep} (default 1.0): half the side of the hypercube, &gt; 0. */
    public MakeClassification classSep(double classSep) {
        ParameterCheck.realAbove(FN, "class_sep", classSep, 0.0);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code hypercube} (default true): centroids on the cube's vertices, else on a random polytope. */
    public MakeClassification hypercube(boolean hypercube) {
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code shift} as a number (default 0.0): added to every feature; finite. */
    public MakeClassification shift(double shift) {
        ParameterCheck.finite(FN, "shift", shift, ", an array-like or None");
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shift, null, false,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code shift} per feature ({@code n_features} finite values, checked by {@link #generate()}). */
    public MakeClassification shift(double[] shift) {
        Objects.requireNonNull(shift, "shift (use shiftRandom() for scikit-learn's shift=None)");
        Validation.checkFinite(shift, "shift");
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, 0.0, shift.clone(), false,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code shift=None}: each feature is shifted by a random {@code (2u − 1) · class_sep}. */
    public MakeClassification shiftRandom() {
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, 0.0, null, true,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code scale} as a number (default 1.0): multiplies every feature (after the shift); &gt; 0. */
    public MakeClassification scale(double scale) {
        ParameterCheck.realAbove(FN, "scale", scale, 0.0, ", an array-like or None");
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scale, null, false, shuffle, seed);
    }

    /** {@code scale} per feature ({@code n_features} finite values, checked by {@link #generate()}). */
    public MakeClassification scale(double[] scale) {
        Objects.requireNonNull(scale, "scale (use scaleRandom() for scikit-learn's scale=None)");
        Validation.checkFinite(scale, "scale");
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                1.0, scale.clone(), false, shuffle, seed);
    }

    /** {@code scale=None}: each feature is multiplied by a random {@code 1 + 100u}. */
    public MakeClassification scaleRandom() {
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                1.0, null, true, shuffle, seed);
    }

    /** {@code shuffle} (default true): permute the rows, then the columns. */
    public MakeClassification shuffle(boolean shuffle) {
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code random_state=seed}: a fresh {@code RandomState(seed)} per {@link #generate()}; seed in [0, 2³² − 1]. */
    public MakeClassification randomState(long seed) {
        ParameterCheck.seed(FN, seed);
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, seed);
    }

    /** {@code random_state=None} (the default): each {@link #generate()} draws from a stream seeded from entropy. */
    public MakeClassification randomStateFromEntropy() {
        return new MakeClassification(nSamples, nFeatures, nInformative, nRedundant, nRepeated, nClasses,
                nClustersPerClass, weights, flipY, classSep, hypercube, shiftScalar, shiftVector, shiftRandom,
                scaleScalar, scaleVector, scaleRandom, shuffle, null);
    }

    // ---------------------------------------------------------------- getters

    /** {@code n_samples}: the number of rows (default 100). */
    public int nSamples() {
        return nSamples;
    }

    /** {@code n_features}: the total number of features, useless ones included (default 20). */
    public int nFeatures() {
        return nFeatures;
    }

    /** {@code n_informative}: the number of informative features, the dimension of the hypercube (default 2). */
    public int nInformative() {
        return nInformative;
    }

    /** {@code n_redundant}: the number of random linear combinations of the informative features (default 2). */
    public int nRedundant() {
        return nRedundant;
    }

    /** {@code n_repeated}: the number of copies of informative or redundant features (default 0). */
    public int nRepeated() {
        return nRepeated;
    }

    /** {@code n_classes}: the number of classes (default 2). */
    public int nClasses() {
        return nClasses;
    }

    /** {@code n_clusters_per_class}: the number of clusters of each class (default 2). */
    public int nClustersPerClass() {
        return nClustersPerClass;
    }

    /** A copy of the weights, or null for balanced classes. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** {@code flip_y}: the fraction of labels reassigned at random (default 0.01). */
    public double flipY() {
        return flipY;
    }

    /** {@code class_sep}: half the side of the hypercube (default 1.0). */
    public double classSep() {
        return classSep;
    }

    /**
     * {@code hypercube}: whether the centroids sit on the cube's vertices, else on a random polytope (default true).
     */
    public boolean hypercube() {
        return hypercube;
    }

    /** {@code shuffle}: whether the rows, then the columns, are permuted (default true). */
    public boolean shuffle() {
        return shuffle;
    }

    /** The seed, or empty for {@code random_state=None}. */
    public OptionalLong randomState() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    // ---------------------------------------------------------------- generation

    /**
     * Generates {@code (X, y)}: X is {@code n_samples × n_features}, y holds labels in
     * {@code [0, n_classes)}. Uses a fresh {@code RandomState(seed)}, or one seeded from entropy.
     *
     * @throws IllegalArgumentException when the parameters contradict each other (see the class
     *         description)
     */
    public Dataset generate() {
        return generate(seed == null ? RandomState.fromEntropy() : new RandomState(seed));
    }

    /**
     * Generates from the given stream, ignoring the seed of this object, as scikit-learn does when
     * {@code random_state} is a {@code RandomState} instance; {@code rng} is advanced.
     */
    public Dataset generate(RandomState rng) {
        Objects.requireNonNull(rng, "rng");
        checkJointConstraints();
        final int n = nSamples;
        final int nf = nFeatures;
        final int ni = nInformative;
        final int nUseless = nf - ni - nRedundant - nRepeated;
        final int nClusters = nClasses * nClustersPerClass;

        double[] w = classWeights();
        long[] perCluster = new long[nClusters];
        long assigned = 0;
        for (int k = 0; k < nClusters; k++) {
            double share = n * w[k % nClasses] / nClustersPerClass;
            if (Math.abs(share) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The 'weights' parameter of " + FN + " gives cluster " + k
                        + " int(n_samples * weight / n_clusters_per_class) = " + share + " samples: weights "
                        + Arrays.toString(w) + " are far too large; they are shares of n_samples (about 1 in total)");
            }
            perCluster[k] = (long) share;
            assigned += perCluster[k];
        }
        for (long i = 0; i < n - assigned; i++) {
            perCluster[(int) (i % nClusters)]++;
        }

        double[] x = new double[n * nf];
        int[] y = new int[n];

        // centroids on the hypercube (or a random polytope)
        double[] centroids = Hypercube.vertices(nClusters, ni, rng);
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = centroids[i] * (2 * classSep) - classSep;
        }
        if (!hypercube) {
            double[] rowScale = rng.uniform(0.0, 1.0, nClusters);
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < ni; j++) {
                    centroids[k * ni + j] *= rowScale[k];
                }
            }
            double[] colScale = rng.uniform(0.0, 1.0, ni);
            for (int k = 0; k < nClusters; k++) {
                for (int j = 0; j < ni; j++) {
                    centroids[k * ni + j] *= colScale[j];
                }
            }
        }

        // informative features
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ni; j++) {
                x[i * nf + j] = rng.standardNormal();
            }
        }

        // clusters: covariance and shift to the centroid
        long stop = 0;
        for (int k = 0; k < nClusters; k++) {
            long start = stop;
            stop = stop + perCluster[k];
            int from = pySliceIndex(start, n);
            int to = pySliceIndex(stop, n);
            for (int i = from; i < to; i++) {
                y[i] = k % nClasses;
            }
            double[] a = rng.uniform(0.0, 1.0, ni * ni);
            for (int t = 0; t < a.length; t++) {
                a[t] = 2 * a[t] - 1;
            }
            if (to > from) {
                double[] xa = BlasOrder.multiply(x, from * nf, nf, to - from, ni, a, ni);
                for (int i = from; i < to; i++) {
                    int o = i * nf;
                    int p = (i - from) * ni;
                    for (int j = 0; j < ni; j++) {
                        x[o + j] = xa[p + j] + centroids[k * ni + j];
                    }
                }
            }
        }

        // redundant features
        if (nRedundant > 0) {
            double[] b = rng.uniform(0.0, 1.0, ni * nRedundant);
            for (int t = 0; t < b.length; t++) {
                b[t] = 2 * b[t] - 1;
            }
            double[] xb = BlasOrder.multiply(x, 0, nf, n, ni, b, nRedundant);
            for (int i = 0; i < n; i++) {
                System.arraycopy(xb, i * nRedundant, x, i * nf + ni, nRedundant);
            }
        }

        // repeated features
        if (nRepeated > 0) {
            int m = ni + nRedundant;
            double[] u = rng.uniform(0.0, 1.0, nRepeated);
            int[] src = new int[nRepeated];
            for (int r = 0; r < nRepeated; r++) {
                src[r] = (int) ((m - 1) * u[r] + 0.5);
            }
            for (int i = 0; i < n; i++) {
                int o = i * nf;
                for (int r = 0; r < nRepeated; r++) {
                    x[o + m + r] = x[o + src[r]];
                }
            }
        }

        // useless features
        if (nUseless > 0) {
            for (int i = 0; i < n; i++) {
                int o = i * nf + nf - nUseless;
                for (int j = 0; j < nUseless; j++) {
                    x[o + j] = rng.standardNormal();
                }
            }
        }

        // label noise
        double[] flipDraws = rng.uniform(0.0, 1.0, n);
        int flips = 0;
        for (double u : flipDraws) {
            if (u < flipY) {
                flips++;
            }
        }
        long[] newLabels = rng.randint(0, nClasses, flips);
        for (int i = 0, f = 0; i < n; i++) {
            if (flipDraws[i] < flipY) {
                y[i] = (int) newLabels[f++];
            }
        }

        // shift, then scale
        double[] shiftBy = shiftVector;
        if (shiftRandom) {
            shiftBy = rng.uniform(0.0, 1.0, nf);
            for (int j = 0; j < nf; j++) {
                shiftBy[j] = (2 * shiftBy[j] - 1) * classSep;
            }
        } else if (shiftBy == null) {
            shiftBy = filled(nf, shiftScalar);
        }
        double[] scaleBy = scaleVector;
        if (scaleRandom) {
            scaleBy = rng.uniform(0.0, 1.0, nf);
            for (int j = 0; j < nf; j++) {
                scaleBy[j] = 1 + 100 * scaleBy[j];
            }
        } else if (scaleBy == null) {
            scaleBy = filled(nf, scaleScalar);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nf; j++) {
                x[i * nf + j] += shiftBy[j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < nf; j++) {
                x[i * nf + j] *= scaleBy[j];
            }
        }

        Matrix xm = Matrix.wrap(x, n, nf);
        if (!shuffle) {
            return new Dataset(xm, y);
        }
        Dataset rowsShuffled = Resample.shuffle(xm, y, rng);
        int[] cols = new int[nf];
        for (int j = 0; j < nf; j++) {
            cols[j] = j;
        }
        rng.shuffle(cols);
        double[] xs = rowsShuffled.x().data();
        double[] row = new double[nf];
        for (int i = 0; i < n; i++) {
            System.arraycopy(xs, i * nf, row, 0, nf);
            for (int j = 0; j < nf; j++) {
                xs[i * nf + j] = row[cols[j]];
            }
        }
        return rowsShuffled;
    }

    /**
     * A Python slice bound over {@code n} rows: negative counts from the end, then clipped to
     * [0, n]. scikit-learn slices {@code X[start:stop]} with running sums of the per-cluster counts,
     * which weights summing above 1 push past the end (the clusters are cut short) and a completed
     * last weight below 0 can push backwards.
     */
    private static int pySliceIndex(long index, int n) {
        if (index < 0) {
            index += n;
        }
        return (int) Math.max(0, Math.min(index, n));
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    /** The weights of all {@code n_classes}, as scikit-learn completes and defaults them. */
    private double[] classWeights() {
        if (weights == null) {
            return filled(nClasses, 1.0 / nClasses);
        }
        if (weights.length == nClasses) {
            return weights.clone();
        }
        double[] w = Arrays.copyOf(weights, nClasses);
        double sum = 0.0;
        for (int i = 0; i < nClasses - 1; i++) {
            sum += weights[i];
        }
        w[nClasses - 1] = 1.0 - sum;
        return w;
    }

    private void checkJointConstraints() {
        long used = (long) nInformative + nRedundant + nRepeated;
        if (used > nFeatures) {
            throw new IllegalArgumentException("Number of informative, redundant and repeated features must sum to "
                    + "less than the number of total features: n_informative(" + nInformative + ") + n_redundant("
                    + nRedundant + ") + n_repeated(" + nRepeated + ") = " + used + " > n_features(" + nFeatures + ")");
        }
        long nClusters = (long) nClasses * nClustersPerClass;
        if (nInformative < 63 && nClusters > (1L << nInformative)) {
            throw new IllegalArgumentException("n_classes(" + nClasses + ") * n_clusters_per_class("
                    + nClustersPerClass + ") must be smaller or equal 2**n_informative(" + nInformative + ")="
                    + (1L << nInformative));
        }
        if (nClusters > Integer.MAX_VALUE - 8 || (long) nSamples * nFeatures > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("n_samples(" + nSamples + ") * n_features(" + nFeatures
                    + ") = " + (long) nSamples * nFeatures + " values, or " + nClusters
                    + " clusters, exceed the largest Java array; generate blocks instead");
        }
        if (weights != null && weights.length != nClasses && weights.length != nClasses - 1) {
            throw new IllegalArgumentException("Weights specified but incompatible with number of classes: "
                    + "weights has " + weights.length + " values " + Arrays.toString(weights) + ", n_classes is "
                    + nClasses + "; give n_classes or n_classes - 1 weights");
        }
        if (shiftVector != null && shiftVector.length != nFeatures) {
            throw new IllegalArgumentException("The 'shift' parameter of " + FN + " has " + shiftVector.length
                    + " values but n_features is " + nFeatures + ": give one value per feature, a number, "
                    + "or shiftRandom()");
        }
        if (scaleVector != null && scaleVector.length != nFeatures) {
            throw new IllegalArgumentException("The 'scale' parameter of " + FN + " has " + scaleVector.length
                    + " values but n_features is " + nFeatures + ": give one value per feature, a number, "
                    + "or scaleRandom()");
        }
    }

    @Override
    public String toString() {
        return FN + "(n_samples=" + nSamples + ", n_features=" + nFeatures + ", n_informative=" + nInformative
                + ", n_redundant=" + nRedundant + ", n_repeated=" + nRepeated + ", n_classes=" + nClasses
                + ", n_clusters_per_class=" + nClustersPerClass + ", weights="
                + (weights == null ? "None" : Arrays.toString(weights)) + ", flip_y=" + flipY + ", class_sep="
                + classSep + ", hypercube=" + (hypercube ? "True" : "False") + ", shift="
                + (shiftRandom ? "None" : shiftVector != null ? Arrays.toString(shiftVector) : shiftScalar)
                + ", scale=" + (scaleRandom ? "None" : scaleVector != null ? Arrays.toString(scaleVector)
                        : scaleScalar)
                + ", shuffle=" + (shuffle ? "True" : "False") + ", random_state=" + (seed == null ? "None" : seed)
                + ")";
    }
}
