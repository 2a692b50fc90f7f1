package org.paraml.data;

import org.paraml.linalg.Matrix;

/**
 * The data of the Dask-ML tutorial's out-of-core k-means: blocks of 20-feature blobs around 12 centres.
 * The centres (the "template") are the per-class means of
 * {@code make_blobs(n_samples=1000, centers=12, n_features=20, random_state=0)}; block i is
 * {@code make_blobs(n_samples=200000, centers=template, n_features=20, random_state=i)[0]}, made on
 * demand, as {@code dask.delayed(make_blobs)(..., random_state=i)} makes it. The tutorial uses 500
 * blocks (10⁸ rows, 16 GB as float64).
 */
public final class TutorialBlobs {
    /** Centres of the template. */
    public static final int N_CENTERS = 12;
    /** Features of every row. */
    public static final int N_FEATURES = 20;
    /** Rows of the template dataset. */
    public static final int TEMPLATE_SAMPLES = 1000;
    /** Rows per block in the tutorial. */
    public static final int BLOCK_ROWS = 200_000;
    /** Blocks in the tutorial. */
    public static final int BLOCKS = 500;

    private static final Matrix TEMPLATE = computeTemplate(N_CENTERS, N_FEATURES);

    private TutorialBlobs() {
    }

    /**
     * The 12 × 20 template: {@code centers[i] = X_small[y_small == i].mean(0)}, each mean summed row by
     * row in order and divided by the count, as numpy reduces along axis 0. A copy.
     */
    public static Matrix template() {
        return TEMPLATE.copy();
    }

    /**
     * The template of the same recipe with other sizes: the per-class means of
     * {@code make_blobs(n_samples=1000, centers=nCenters, n_features=nFeatures, random_state=0)}.
     *
     * @throws IllegalArgumentException if a size is below 1, or some class of the 1000 rows is empty
     *                                  (more than 1000 centres)
     */
    public static Matrix template(int nCenters, int nFeatures) {
        return nCenters == N_CENTERS && nFeatures == N_FEATURES ? template() : computeTemplate(nCenters, nFeatures);
    }

    private static Matrix computeTemplate(int nCenters, int nFeatures) {
        if (nCenters < 1 || nCenters > TEMPLATE_SAMPLES || nFeatures < 1) {
            throw new IllegalArgumentException("the tutorial's template needs 1 <= centers <= " + TEMPLATE_SAMPLES
                    + " and n_features >= 1, got centers=" + nCenters + ", n_features=" + nFeatures);
        }
        Dataset small = new MakeBlobs().nSamples(TEMPLATE_SAMPLES).centers(nCenters).nFeatures(nFeatures)
                .randomState(0).generate();
        Matrix sums = Matrix.zeros(nCenters, nFeatures);
        int[] counts = new int[nCenters];
        for (int i = 0; i < small.x().rows(); i++) {
            int c = small.y()[i];
            counts[c]++;
            for (int j = 0; j < nFeatures; j++) {
                sums.set(c, j, sums.get(c, j) + small.x().get(i, j));
            }
        }
        for (int c = 0; c < nCenters; c++) {
            for (int j = 0; j < nFeatures; j++) {
                sums.set(c, j, sums.get(c, j) / counts[c]);
            }
        }
        return sums;
    }

    /** Block {@code seed}: {@code make_blobs(n_samples=rows, centers=template, n_features=20, random_state=seed)[0]}. */
    public static Matrix block(long seed, int rows) {
        return block(seed, rows, new double[Math.multiplyExact(rows, N_FEATURES)]);
    }

    /** {@link #block(long, int)} written into {@code scratch} (at least rows × 20 values); a view of it. */
    static Matrix block(long seed, int rows, double[] scratch) {
        return new MakeBlobs().nSamples(rows).centers(TEMPLATE).randomState(seed).generateXInto(scratch);
    }

    /** The tutorial's blocks: {@code numBlocks} blocks of 200 000 rows, block i from seed i. */
    public static Blocks blocks(int numBlocks) {
        return blocks(numBlocks, BLOCK_ROWS);
    }

    /** {@code numBlocks} blocks of {@code blockRows} rows, block i from seed i, made on demand. */
    public static Blocks blocks(int numBlocks, int blockRows) {
        return Blocks.generated(numBlocks, blockRows, N_FEATURES, 0,
                (seed, rows, cols, scratch) -> block(seed, rows, scratch), "tutorial blobs", true);
    }

    /**
     * The same recipe with other sizes: {@code numBlocks} blocks of {@code blockRows} rows, block i =
     * {@code make_blobs(n_samples=blockRows, centers=template(nCenters, nFeatures), random_state=i)[0]}.
     */
    public static Blocks blocks(int numBlocks, int blockRows, int nFeatures, int nCenters) {
        if (nFeatures == N_FEATURES && nCenters == N_CENTERS) {
            return blocks(numBlocks, blockRows);
        }
        Matrix template = computeTemplate(nCenters, nFeatures);
        return Blocks.generated(numBlocks, blockRows, nFeatures, 0, (seed, rows, cols, scratch) ->
                new MakeBlobs().nSamples(rows).centers(template).randomState(seed).generateXInto(scratch),
                "tutorial-style blobs", true);
    }
}
