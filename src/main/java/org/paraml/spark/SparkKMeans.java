package org.paraml.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.cluster.PassRunner;

/**
 * {@link KMeans} over blocks that live on a Spark cluster: each block of a {@link BlockSpec} is one
 * partition, made on an executor (the tutorial's delayed {@code make_blobs}, or a {@code .npy} read) and
 * cached there; the fit runs in this JVM and each of its passes (k-means|| cost updates, samples and
 * weights, Lloyd iterations, the final E-step) is one Spark job mapping a {@link org.paraml.cluster.BlockStep}
 * over the partitions, through the backend of each executor. The per-block sums come back in block order
 * and are added as {@link KMeans#fit(org.paraml.data.Blocks)} adds them, so the centres, inertia and
 * iterations are identical to the local fit of the same blocks (same seed, same block layout), as long as
 * the executors have the fitting JVM's backend (they use it by name; else their own, within tolerance).
 *
 * <pre>{@code
 * try (SparkKMeans blobs = SparkKMeans.open(sc, BlockSpec.tutorialBlobs(500, 200_000))) {
 *     KMeansModel m = blobs.fit(new KMeans().nClusters(12).initMaxIter(3)
 *             .oversamplingFactor(10).randomState(0L));
 * }
 * }</pre>
 * An open {@code SparkKMeans} keeps its blocks cached on the executors for further fits (and for the labels
 * of its models, computed on the cluster when read); {@link #close()} releases them. It does not stop the
 * Spark context.
 */
public final class SparkKMeans implements AutoCloseable {
    private final SparkPasses passes;

    private SparkKMeans(SparkPasses passes) {
        this.passes = passes;
    }

    /** The blocks of {@code spec} as partitions of a cached RDD on {@code sc} (made by the first fit). */
    public static SparkKMeans open(JavaSparkContext sc, BlockSpec spec) {
        return open(sc, spec, StorageLevel.MEMORY_AND_DISK());
    }

    /** As {@link #open(JavaSparkContext, BlockSpec)} with another storage level for the cached blocks. */
    public static SparkKMeans open(JavaSparkContext sc, BlockSpec spec, StorageLevel level) {
        return new SparkKMeans(new SparkPasses(sc, spec, level));
    }

    /**
     * Makes and caches every block on the executors now (one Spark job), so that the first fit's time is
     * the fit's alone.
     *
     * @return the number of rows
     */
    public long cache() {
        return passes.materialize();
    }

    /** Fits {@code kmeans} on these blocks. The model's labels are computed on the cluster when read, while open. */
    public KMeansModel fit(KMeans kmeans) {
        return Objects.requireNonNull(kmeans, "kmeans").fit(passes);
    }

    /** The pass runner over these blocks (for other block-wise algorithms). */
    public PassRunner passes() {
        return passes;
    }

    /** The blocks. */
    public BlockSpec spec() {
        return passes.spec();
    }

    @Override
    public void close() {
        passes.close();
    }

    /**
     * Fits {@code kmeans} on {@code blocks} on the cluster at {@code master}, in a Spark context of its own
     * that is stopped afterwards: the API of {@code paraml kmeans --master}. The model's labels are not
     * available afterwards (they would need the cluster); predict them with the model instead.
     *
     * @param master     {@code local[N]} or {@code spark://host:port}
     * @param secretFile the cluster's shared secret ({@code paraml cluster start --authenticate}), or null
     * @throws IOException when the secret file cannot be read
     */
    public static KMeansModel fit(String master, Path secretFile, BlockSpec blocks, KMeans kmeans) throws IOException {
        JavaSparkContext sc = SparkContexts.create(master, "paraml kmeans", secretFile, Map.of());
        try (SparkKMeans s = open(sc, blocks)) {
            return s.fit(kmeans);
        } finally {
            sc.stop();
        }
    }
}
