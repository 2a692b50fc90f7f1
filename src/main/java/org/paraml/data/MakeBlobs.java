package org.paraml.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import org.paraml.linalg.Matrix;

/**
 * scikit-learn's {@code sklearn.datasets.make_blobs} (1.2): isotropic Gaussian blobs, reproduced
 * draw for draw from a numpy-compatible {@link RandomState}.
 *
 * <p>An immutable parameter object; each setter returns a copy with one parameter changed:
 * <pre>{@code
 * Blobs b = new MakeBlobs().nSamples(1000).centers(12).nFeatures(20).randomState(0).generateWithCenters();
 * // X, y, centers = make_blobs(n_samples=1000, centers=12, n_features=20, random_state=0, return_centers=True)
 * }</pre>
 *
 * <p>The model, in scikit-learn's order of draws:
 * <ol>
 *   <li>Centres: given ({@link #centers(Matrix)}; then {@code n_features} is their column count),
 *       or {@code n_centers × n_features} draws of {@code uniform(center_box[0], center_box[1])}, row
 *       by row. Without {@code centers}: 3 centres when {@code n_samples} is a number, one per entry
 *       when it is a list.</li>
 *   <li>Rows per centre: the list, or {@code n_samples // n_centers} each with the first
 *       {@code n_samples % n_centers} centres taking one more.</li>
 *   <li>Centre {@code i}: its rows are {@code centers[i] + cluster_std[i] · N(0, 1)} (numpy's
 *       {@code normal(loc=centers[i], scale=std, size=(n_i, n_features))}, row by row), label
 *       {@code i}.</li>
 *   <li>With {@code shuffle}, the rows are permuted as {@code sklearn.utils.shuffle} does.</li>
 * </ol>
 * Immutable and thread-safe; each seeded generation builds its own {@code RandomState}.
 * There is no matrix product, so every value equals scikit-learn's, up to the rare one-ulp
 * difference of glibc's logarithm described at {@link RandomState#standardNormal()}.
 */
public final class MakeBlobs {
    private static final String FN = "make_blobs";

    /** n_samples as a number; ignored when {@link #nSamplesPerCenter} is set. */
    private final int nSamples;
    private final int[] nSamplesPerCenter;
    private final int nFeatures;
    /** centers as a number; 0 when not given (scikit-learn's None) or when {@link #centerMatrix} is set. */
    private final int nCenters;
    private final Matrix centerMatrix;
    private final double clusterStd;
    private final double[] clusterStdPerCenter;
    private final double centerBoxMin;
    private final double centerBoxMax;
    private final boolean shuffle;
    private final Long seed;

    /** scikit-learn's defaults, with {@code random_state=None}. */
    public MakeBlobs() {
        this(100, null, 2, 0, null, 1.0, null, -10.0, 10.0, true, null);
    }

    private MakeBlobs(int nSamples, int[] nSamplesPerCenter, int nFeatures, int nCenters, Matrix centerMatrix,
            double clusterStd, double[] clusterStdPerCenter, double centerBoxMin, double centerBoxMax,
            boolean shuffle, Long seed) {
        this.nSamples = nSamples;
        this.nSamplesPerCenter = nSamplesPerCenter;
        this.nFeatures = nFeatures;
        this.nCenters = nCenters;
        this.centerMatrix = centerMatrix;
        this.clusterStd = clusterStd;
        this.clusterStdPerCenter = clusterStdPerCenter;
        this.centerBoxMin = centerBoxMin;
        this.centerBoxMax = centerBoxMax;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    // ---------------------------------------------------------------- setters (copies)

    /** {@code n_samples} as a number (default 100): the total, shared equally among the centres; ≥ 1. */
    public MakeBlobs nSamples(int nSamples) {
        ParameterCheck.intAtLeast(FN, "n_samples", nSamples, 1);
        return new MakeBlobs(nSamples, null, nFeatures, nCenters, centerMatrix, clusterStd, clusterStdPerCenter,
                centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code n_samples} as a list: the number of rows of each centre (each ≥ 0, at least one centre). */
    public MakeBlobs nSamples(int[] perCenter) {
        Objects.requireNonNull(perCenter, "n_samples");
        if (perCenter.length == 0) {
            throw new IllegalArgumentException("The 'n_samples' parameter of " + FN
                    + " must be an int in the range [1, inf) or a non-empty array-like. Got [] instead.");
        }
        for (int i = 0; i < perCenter.length; i++) {
            if (perCenter[i] < 0) {
                throw new IllegalArgumentException("The 'n_samples' parameter of " + FN
                        + " must hold counts >= 0. Got n_samples[" + i + "] = " + perCenter[i] + " in "
                        + Arrays.toString(perCenter) + " instead.");
            }
        }
        return new MakeBlobs(nSamples, perCenter.clone(), nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code n_features} (default 2); ignored when the centres are given. ≥ 1. */
    public MakeBlobs nFeatures(int nFeatures) {
        ParameterCheck.intAtLeast(FN, "n_features", nFeatures, 1);
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code centers} as a number: how many random centres to draw in the centre box; ≥ 1. */
    public MakeBlobs centers(int nCenters) {
        ParameterCheck.intAtLeast(FN, "centers", nCenters, 1);
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, null, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code centers} as an array: the fixed centres, one per row (copied; finite; at least 1 × 1). */
    public MakeBlobs centers(Matrix centers) {
        Objects.requireNonNull(centers, "centers");
        Validation.checkShape(centers, "make_blobs (its centers)", 1, 1);
        Validation.checkFinite(centers, "centers");
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, 0, centers.copy(), clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code centers=None} (the default): 3 random centres, or one per entry of a list {@code n_samples}. */
    public MakeBlobs centersDefault() {
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, 0, null, clusterStd, clusterStdPerCenter,
                centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code cluster_std} as a number (default 1.0): the standard deviation of every blob; ≥ 0. */
    public MakeBlobs clusterStd(double clusterStd) {
        ParameterCheck.realAtLeast(FN, "cluster_std", clusterStd, 0.0, " or an array-like");
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd, null,
                centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code cluster_std} per centre (one value ≥ 0 per centre; the count is checked by {@link #generate()}). */
    public MakeBlobs clusterStd(double[] perCenter) {
        Objects.requireNonNull(perCenter, "cluster_std");
        for (int i = 0; i < perCenter.length; i++) {
            if (!(perCenter[i] >= 0.0) || perCenter[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("The 'cluster_std' parameter of " + FN
                        + " must hold finite standard deviations >= 0. Got cluster_std[" + i + "] = "
                        + perCenter[i] + " in " + Arrays.toString(perCenter) + " instead.");
            }
        }
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, 1.0,
                perCenter.clone(), centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /**
     * {@code center_box=(min, max)} (default (-10, 10)): random centres are {@code uniform(min, max)}
     * per coordinate. Both finite; as numpy, {@code min > max} is allowed.
     */
    public MakeBlobs centerBox(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(max - min)) {
            throw new IllegalArgumentException("The 'center_box' parameter of " + FN
                    + " must be a tuple of two finite floats with a finite width. Got (" + min + ", " + max
                    + ") instead.");
        }
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, min, max, shuffle, seed);
    }

    /** {@code shuffle} (default true): permute the rows. */
    public MakeBlobs shuffle(boolean shuffle) {
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code random_state=seed}: a fresh {@code RandomState(seed)} per generation; seed in [0, 2³² − 1]. */
    public MakeBlobs randomState(long seed) {
        ParameterCheck.seed(FN, seed);
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, seed);
    }

    /** {@code random_state=None} (the default): each generation draws from a stream seeded from entropy. */
    public MakeBlobs randomStateFromEntropy() {
        return new MakeBlobs(nSamples, nSamplesPerCenter, nFeatures, nCenters, centerMatrix, clusterStd,
                clusterStdPerCenter, centerBoxMin, centerBoxMax, shuffle, null);
    }

    // ---------------------------------------------------------------- getters

    /** The total number of rows: n_samples, or the sum of the per-centre list. */
    public long nSamples() {
        return nSamplesPerCenter == null ? nSamples : Arrays.stream(nSamplesPerCenter).asLongStream().sum();
    }

    /** The per-centre list, or null when n_samples is a number. */
    public int[] nSamplesPerCenter() {
        return nSamplesPerCenter == null ? null : nSamplesPerCenter.clone();
    }

    /** The number of features of the output: the centres' column count when they are given. */
    public int nFeatures() {
        return centerMatrix != null ? centerMatrix.cols() : nFeatures;
    }

    /** {@code shuffle}: whether the rows are permuted (default true). */
    public boolean shuffle() {
        return shuffle;
    }

    /** The seed, or empty for {@code random_state=None}. */
    public OptionalLong randomState() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }

    // ---------------------------------------------------------------- generation

    /** {@code X, y = make_blobs(...)}, from {@code RandomState(seed)} or a stream seeded from entropy. */
    public Dataset generate() {
        return generateWithCenters().dataset();
    }

    /** {@code X, y = make_blobs(..., random_state=rng)}: draws from {@code rng} (advanced), ignoring the seed. */
    public Dataset generate(RandomState rng) {
        return generateWithCenters(rng).dataset();
    }

    /** {@code X, y, centers = make_blobs(..., return_centers=True)}. */
    public Blobs generateWithCenters() {
        return generateWithCenters(seed == null ? RandomState.fromEntropy() : new RandomState(seed));
    }

    /** What one generation draws: the centres (drawn from {@code rng} when random), stds and rows per centre. */
    private record Plan(Matrix centers, double[] std, int[] perCenter, int n, int d) {
    }

    private Plan plan(RandomState rng) {
        Objects.requireNonNull(rng, "rng");
        Matrix centers;
        int k;
        if (nSamplesPerCenter == null) {
            if (centerMatrix == null) {
                k = nCenters == 0 ? 3 : nCenters;
                centers = randomCenters(k, rng);
            } else {
                centers = centerMatrix.copy();
                k = centers.rows();
            }
        } else {
            k = nSamplesPerCenter.length;
            if (centerMatrix == null && nCenters != 0) {
                throw new IllegalArgumentException("Parameter `centers` must be array-like. Got " + nCenters
                        + " instead: with n_samples given per centre, centers must be None or an array of "
                        + k + " rows");
            }
            if (centerMatrix != null && centerMatrix.rows() != k) {
                throw new IllegalArgumentException("Length of `n_samples` not consistent with number of centers. "
                        + "Got n_samples = " + Arrays.toString(nSamplesPerCenter) + " (" + k + " centres) and "
                        + "centers with " + centerMatrix.rows() + " rows");
            }
            centers = centerMatrix == null ? randomCenters(k, rng) : centerMatrix.copy();
        }
        int d = centers.cols();

        double[] std;
        if (clusterStdPerCenter != null) {
            if (clusterStdPerCenter.length != k) {
                throw new IllegalArgumentException("Length of `clusters_std` not consistent with number of centers. "
                        + "Got " + k + " centers and cluster_std = " + Arrays.toString(clusterStdPerCenter)
                        + " (" + clusterStdPerCenter.length + " values)");
            }
            std = clusterStdPerCenter;
        } else {
            std = new double[k];
            Arrays.fill(std, clusterStd);
        }

        int[] perCenter;
        if (nSamplesPerCenter != null) {
            perCenter = nSamplesPerCenter;
        } else {
            perCenter = new int[k];
            Arrays.fill(perCenter, nSamples / k);
            for (int i = 0; i < nSamples % k; i++) {
                perCenter[i]++;
            }
        }
        long total = 0;
        for (int c : perCenter) {
            total += c;
        }
        if (total * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " samples x " + d + " features exceed the largest Java "
                    + "array; generate blocks instead");
        }
        int n = (int) total;
        return new Plan(centers, std, perCenter, n, d);
    }

    /** Draws the rows of every centre in order into {@code x[0 .. n·d)} (unshuffled), and their labels into y when not null. */
    private static void fill(Plan plan, RandomState rng, double[] x, int[] y) {
        int row = 0;
        int d = plan.d();
        for (int i = 0; i < plan.perCenter().length; i++) {
            double std = plan.std()[i];
            if (!(std >= 0.0)) {
                throw new IllegalArgumentException("scale < 0: scale must be >= 0, got " + std);
            }
            rng.normalInto(plan.centers().row(i), std, plan.perCenter()[i], x, row * d);
            if (y != null) {
                Arrays.fill(y, row, row + plan.perCenter()[i], i);
            }
            row += plan.perCenter()[i];
        }
    }

    /** {@code X, y, centers = make_blobs(..., random_state=rng, return_centers=True)}; {@code rng} is advanced. */
    public Blobs generateWithCenters(RandomState rng) {
        Plan plan = plan(rng);
        Matrix centers = plan.centers();
        int n = plan.n();
        int d = plan.d();
        double[] x = new double[n * d];
        int[] y = new int[n];
        fill(plan, rng, x, y);
        Matrix xm = Matrix.wrap(x, n, d);
        if (shuffle) {
            Dataset s = Resample.shuffle(xm, y, rng);
            return new Blobs(s.x(), s.y(), centers);
        }
        return new Blobs(xm, y, centers);
    }

    /**
     * X of {@code make_blobs(..., random_state=seed)} only (the same values, shuffled as {@link #generate()}
     * shuffles them), written into {@code out[0 .. n·d)} and returned as a view of it; no labels, no copy:
     * the permutation is applied to the rows in place, cycle by cycle. Needs a seed.
     *
     * @throws IllegalArgumentException when {@code out} holds fewer than n·d values
     */
    Matrix generateXInto(double[] out) {
        if (seed == null) {
            throw new IllegalStateException("generateXInto needs a random_state");
        }
        RandomState rng = new RandomState(seed);
        Plan plan = plan(rng);
        int n = plan.n();
        int d = plan.d();
        if (out.length < n * d) {
            throw new IllegalArgumentException("out holds " + out.length + " values, fewer than " + n + " x " + d);
        }
        fill(plan, rng, out, null);
        if (shuffle) {
            permuteRows(out, d, rng.permutation(n));
        }
        return BlockSource.viewOf(out, n, d);
    }

    /** Row i becomes old row {@code perm[i]} (a gather), in place: each cycle of the permutation moves once. */
    private static void permuteRows(double[] x, int d, int[] perm) {
        int n = perm.length;
        boolean[] done = new boolean[n];
        double[] first = new double[d];
        for (int start = 0; start < n; start++) {
            if (done[start]) {
                continue;
            }
            System.arraycopy(x, start * d, first, 0, d);
            int i = start;
            while (true) {
                done[i] = true;
                int j = perm[i];
                if (j == start) {
                    System.arraycopy(first, 0, x, i * d, d);
                    break;
                }
                System.arraycopy(x, j * d, x, i * d, d);
                i = j;
            }
        }
    }

    private Matrix randomCenters(int k, RandomState rng) {
        return Matrix.wrap(rng.uniform(centerBoxMin, centerBoxMax, Math.multiplyExact(k, nFeatures)), k, nFeatures);
    }

    @Override
    public String toString() {
        String centersText = centerMatrix != null ? "array" + Arrays.deepToString(centerMatrix.toArray())
                : nCenters == 0 ? "None" : String.valueOf(nCenters);
        return FN + "(n_samples=" + (nSamplesPerCenter == null ? String.valueOf(nSamples)
                : Arrays.toString(nSamplesPerCenter)) + ", n_features=" + nFeatures + ", centers=" + centersText
                + ", cluster_std=" + (clusterStdPerCenter == null ? String.valueOf(clusterStd)
                        : Arrays.toString(clusterStdPerCenter))
                + ", center_box=(" + centerBoxMin + ", " + centerBoxMax + "), shuffle="
                + (shuffle ? "True" : "False") + ", random_state=" + (seed == null ? "None" : seed) + ")";
    }
}
