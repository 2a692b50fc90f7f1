package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.paraml.data.BlockSource;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.linalg.Matrix;

class KMeansBadInputTest {
    private static final Matrix X = new MakeBlobs().nSamples(300).centers(3).nFeatures(2).randomState(5).generate().x();

    private static void assertMessage(IllegalArgumentException e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void moreClustersThanSamples() {
        Matrix five = X.rowRange(0, 5).copy();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().fit(five)),
                "n_samples=5 should be >= n_clusters=8.");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().fit(Blocks.of(five, 2))),
                "n_samples=5 should be >= n_clusters=8.");
    }

    @Test
    void predictingNoSamplesIsAnErrorAsInScikitLearn() {
        KMeansModel m = new KMeans().nClusters(3).randomState(0L).fit(X);
        Matrix none = Matrix.zeros(0, 2);
        String expected = "Found array with 0 sample(s) (shape=(0, 2)) while a minimum of 1 is required by KMeans.";
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.predict(none)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.transform(none)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> m.score(none)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> new KMeans().fit(none)).getMessage());
    }

    @Test
    void nonPositiveClustersAndOtherBadParameters() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(0)),
                "The 'n_clusters' parameter of KMeans must be an int in the range [1, inf). Got 0 instead.");
        assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(-3));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().tol(-1e-5)),
                "The 'tol' parameter of KMeans must be a float in the range [0.0, inf). Got -1e-05 instead.");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().maxIter(0)), "'max_iter'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().nInit(0)), "'n_init'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().init("kmeans")), "'init'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().algorithm("elkan")),
                "'algorithm'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().oversamplingFactor(0)),
                "'oversampling_factor'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().initMaxIter(-1)),
                "'init_max_iter'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().randomState(-1L)),
                "'random_state'");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().randomState(1L << 32)),
                "'random_state'");
        assertThrows(IllegalArgumentException.class, () -> new KMeans().threads(0));
    }

    @Test
    void valuesWhoseSquaredDistancesOverflowAreRefused() {
        Matrix huge = X.copy();
        for (int i = 0; i < huge.data().length; i++) {
            huge.data()[i] *= 1e200;
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(3).randomState(0L)
                .fit(huge)), "overflow float64");
    }

    @Test
    void initialCentresOfTheWrongShape() {
        KMeans km = new KMeans().nClusters(3).init(Matrix.zeros(2, 2));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> km.fit(X)),
                "The shape of the initial centers (2, 2) does not match the number of clusters 3.");
        KMeans km2 = new KMeans().nClusters(2).init(Matrix.zeros(2, 3));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> km2.fit(X)),
                "does not match the number of features of the data 2.");
        Matrix nan = Matrix.zeros(3, 2);
        nan.set(1, 1, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> new KMeans().init(nan));
    }

    @Test
    void nanAndInfinityAreRejected() {
        Matrix bad = X.copy();
        bad.set(250, 1, Double.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(3).fit(bad)),
                "contains NaN");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans().nClusters(3).randomState(0L).fit(Blocks.of(bad, 64)));
        assertMessage(e, "contains NaN (first at row 250, column 1, in block 3)");
        bad.set(250, 1, Double.NEGATIVE_INFINITY);
        for (String init : new String[] {KMeans.K_MEANS_PARALLEL, KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM}) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(3)
                    .init(init).randomState(0L).fit(Blocks.of(bad, 100))), "contains infinity");
        }
        Matrix init = X.rowRange(0, 3).copy();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new KMeans().nClusters(3).init(init).fit(Blocks.of(bad, 100))), "contains infinity");
        KMeansModel m = new KMeans().nClusters(3).randomState(0L).fit(X);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.predict(bad)), "contains infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.predict(Blocks.of(bad, 100)).toArray()),
                "contains infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.score(Blocks.of(bad, 100))),
                "contains infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> m.score(Blocks.of(Matrix.zeros(4, 3)))),
                "X has 3 features, but KMeans is expecting 2 features as input.");
    }

    /**
     * The k-means|| cost pass finds non-finite values from the costs it writes (a row holding NaN or ±∞ keeps
     * +∞) instead of scanning every block first: the same message, naming the first bad value of the block, on
     * every CPU backend, wherever the value sits (the first row, the last, a row searched four to a group, the
     * rows of the first candidate), with wide rows too (20 features, the tutorial's).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 20})
    void theCostPassFindsEveryNonFiniteValue(int features) {
        Matrix base = new MakeBlobs().nSamples(600).centers(3).nFeatures(features).randomState(7).generate().x();
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int[][] places = {{0, 0}, {599, features - 1}, {250, 1}, {401, features / 2}};
        for (org.paraml.backend.Backend backend : KMeansParallelWeightsTest.backends()) {
            for (int[] at : places) {
                for (double v : bad) {
                    Matrix x = base.copy();
                    x.set(at[0], at[1], v);
                    String what = backend.name() + " " + v + " at " + at[0] + "," + at[1];
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KMeans()
                            .nClusters(3).randomState(0L).backend(backend).threads(2).fit(Blocks.of(x, 64)), what);
                    assertMessage(e, "contains " + (Double.isNaN(v) ? "NaN" : "infinity") + " (first at row " + at[0]
                            + ", column " + at[1] + ", in block " + at[0] / 64 + ")");
                }
            }
            // every row bad: the first candidate too, whose distances to every row are then NaN
            Matrix all = base.copy();
            for (int i = 0; i < all.rows(); i++) {
                all.set(i, features - 1, Double.NaN);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(3)
                    .randomState(0L).backend(backend).threads(1).fit(Blocks.of(all, 64)));
            assertMessage(e, "contains NaN (first at row 0, column " + (features - 1) + ", in block 0)");
        }
    }

    /** Blocks 0, 2 and 5 have no rows; the others hold X in 3 pieces. */
    private static final class GappySource implements BlockSource {
        private final int[] rows = {0, 100, 0, 120, 80, 0};
        private final int[] start = {0, 0, 100, 100, 220, 300};

        @Override
        public int numBlocks() {
            return rows.length;
        }

        @Override
        public int cols() {
            return 2;
        }

        @Override
        public int blockRows(int index) {
            return rows[index];
        }

        @Override
        public Matrix read(int index, double[] scratch) throws IOException {
            return X.rowRange(start[index], start[index] + rows[index]);
        }

        @Override
        public boolean inMemory() {
            return true;
        }

        @Override
        public String describe() {
            return "blocks with gaps";
        }
    }

    @Test
    void emptyBlocksAreSkipped() {
        KMeans km = new KMeans().nClusters(3).randomState(11L).threads(2);
        Blocks gappy = Blocks.from(new GappySource());
        assertEquals(300, gappy.rows());
        KMeansModel a = km.fit(gappy);
        KMeansModel b = km.fit(Blocks.of(X, 100));
        assertArrayEquals(b.labels().toArray(), a.labels().toArray());
        assertEquals(b.inertia(), a.inertia(), 1e-12 * b.inertia());
        for (String init : new String[] {KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM}) {
            KMeansModel m = km.init(init).fit(gappy);
            assertEquals(300, m.labels().toArray().length);
        }
    }

    @Test
    void noRowsAtAll() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new KMeans().nClusters(1).fit(Blocks.of(Matrix.zeros(0, 4), 10))),
                "Found array with 0 sample(s) (shape=(0, 4))");
        assertThrows(IllegalArgumentException.class, () -> new KMeans().nClusters(1).fit(Matrix.zeros(0, 4)));
    }
}
