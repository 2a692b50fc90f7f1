package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.data.MakeBlobs;
import org.paraml.data.Npy;
import org.paraml.linalg.Matrix;

/** KMeans over Spark partitions in this JVM ({@code local[2]}): identical to the local fit of the same blocks. */
@Tag("spark")
class SparkKMeansLocalTest {
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() throws IOException {
        sc = SparkContexts.create("local[2]", "paraml-test", null, Map.of());
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @Test
    void tutorialKMeansOnGeneratedPartitionsEqualsTheLocalFit() {
        try (SparkKMeans blobs = SparkKMeans.open(sc, KMeansFixtures.BLOBS);
                Blocks local = KMeansFixtures.BLOBS.open()) {
            assertEquals(12_000, blobs.cache());
            KMeansModel want = KMeansFixtures.tutorialKMeans().fit(local);
            KMeansModel spark = blobs.fit(KMeansFixtures.tutorialKMeans());
            KMeansFixtures.assertIdentical(want, spark);
            assertArrayEquals(want.labels().toArray(), spark.labels().toArray());
            // k-means++ (n_init runs, D² sampling over the costs kept on the executors) and random init
            for (KMeans km : new KMeans[] {new KMeans().nClusters(5).init(KMeans.K_MEANS_PLUS_PLUS)
                    .nInit(2).randomState(3L), new KMeans().nClusters(4).init(KMeans.RANDOM)
                    .nInit(2).randomState(4L).maxIter(5)}) {
                try (Blocks blocks = KMeansFixtures.BLOBS.open()) {
                    KMeansFixtures.assertIdentical(km.fit(blocks), blobs.fit(km));
                }
            }
        }
    }

    @Test
    void npyBlocksReadOnTheExecutorsGiveTheLocalFit(@TempDir Path tmp) throws IOException {
        Matrix x = new MakeBlobs().nSamples(3001).centers(4).nFeatures(3).randomState(7).generate().x();
        Path file = tmp.resolve("x.npy");
        Npy.write(file, x);
        BlockSpec spec = BlockSpec.npy(file, 700);
        assertEquals(5, spec.numBlocks());
        KMeans km = new KMeans().nClusters(4).randomState(1L);
        KMeansModel local;
        try (Blocks b = Blocks.npy(file, 700)) {
            local = km.fit(b);
        }
        try (SparkKMeans s = SparkKMeans.open(sc, spec)) {
            KMeansFixtures.assertIdentical(local, s.fit(km));
        }
    }

    @Test
    void nonFiniteValuesInAPartitionAreReportedAsLocally(@TempDir Path tmp) throws IOException {
        Matrix x = new MakeBlobs().nSamples(500).centers(2).nFeatures(2).randomState(1).generate().x();
        x.set(321, 1, Double.NaN);
        Path file = tmp.resolve("nan.npy");
        Npy.write(file, x);
        try (SparkKMeans s = SparkKMeans.open(sc, BlockSpec.npy(file, 100))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.fit(new KMeans().nClusters(2).randomState(0L)));
            assertTrue(e.getMessage().contains("NaN (first at row 321, column 1, in block 3)"), e.getMessage());
        }
        assertTrue(Files.exists(file));
    }
}
