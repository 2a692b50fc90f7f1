package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;

/** The tutorial's KMeans, shrunk, and the comparison of two fits. */
final class KMeansFixtures {
    /** 6 blocks of 2,000 tutorial blobs: 12,000 × 20. */
    static final BlockSpec BLOBS = BlockSpec.tutorialBlobs(6, 2000);

    private KMeansFixtures() {
    }

    /** The tutorial's parameters: k-means|| with 3 rounds of oversampling factor 10. */
    static KMeans tutorialKMeans() {
        return new KMeans().nClusters(12).initMaxIter(3).oversamplingFactor(10).randomState(0L)
                .threads(2);
    }

    /** Identical centres, inertia and iterations. */
    static void assertIdentical(KMeansModel want, KMeansModel got) {
        assertArrayEquals(want.clusterCenters().data(), got.clusterCenters().data());
        assertEquals(want.inertia(), got.inertia(), 0.0);
        assertEquals(want.nIter(), got.nIter());
    }
}
