package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.linalg.Matrix;

/**
 * The same random_state gives the same fit whatever the block size (1000, 7777, whole) and thread
 * count (1, 2, 3): bit for bit across thread counts; across block sizes the same labels and iterations,
 * with centres and inertia equal up to the rounding of sums.
 */
class KMeansDeterminismTest {
    private static final Matrix X = new MakeBlobs().nSamples(20_000).centers(10).nFeatures(5).clusterStd(2.5)
            .randomState(17).generate().x();

    private static KMeansModel fit(String init, int blockRows, int threads) {
        KMeans km = new KMeans().nClusters(8).init(init).nInit(2).oversamplingFactor(3)
                .randomState(42L).threads(threads);
        return km.fit(blockRows == 0 ? Blocks.of(X) : Blocks.of(X, blockRows));
    }

    @ParameterizedTest
    @ValueSource(strings = {KMeans.K_MEANS_PARALLEL, KMeans.K_MEANS_PLUS_PLUS, KMeans.RANDOM})
    void sameSeedSameFitAcrossBlockSizesAndThreads(String init) {
        KMeansModel ref = fit(init, 0, 1);
        int[] refLabels = ref.labels().toArray();
        for (int blockRows : new int[] {1000, 7777, 0}) {
            KMeansModel first = null;
            for (int threads = 1; threads <= 3; threads++) {
                KMeansModel m = fit(init, blockRows, threads);
                String what = init + " blockRows=" + blockRows + " threads=" + threads;
                assertArrayEquals(refLabels, m.labels().toArray(), what);
                assertEquals(ref.nIter(), m.nIter(), what);
                assertEquals(ref.inertia(), m.inertia(), 1e-12 * ref.inertia(), what);
                Matrix c = m.clusterCenters();
                for (int j = 0; j < c.rows(); j++) {
                    for (int f = 0; f < c.cols(); f++) {
                        double want = ref.clusterCenters().get(j, f);
                        assertEquals(want, c.get(j, f), 1e-12 * Math.max(1, Math.abs(want)), what);
                    }
                }
                if (first == null) {
                    first = m;
                } else {
                    assertEquals(first.inertia(), m.inertia(), 0.0, what + ": bit for bit across threads");
                    assertEquals(true, first.clusterCenters().contentEquals(c), what + ": bit for bit across threads");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 7777})
    void inMemoryFitEqualsTheBlockFitOfTheSameBlockSize(int blockRows) {
        KMeans km = new KMeans().nClusters(5).randomState(3L).threads(2);
        KMeansModel a = km.blockRows(blockRows).fit(X);
        KMeansModel b = km.fit(Blocks.of(X, blockRows));
        assertEquals(a.inertia(), b.inertia(), 0.0);
        assertArrayEquals(a.labels().toArray(), b.labels().toArray());
    }
}
