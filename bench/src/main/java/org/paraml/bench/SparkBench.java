package org.paraml.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.storage.StorageLevel;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.spark.BlockSpec;
import org.paraml.spark.ClusterOptions;
import org.paraml.spark.SparkContexts;
import org.paraml.spark.SparkExecutor;
import org.paraml.spark.SparkKMeans;
import org.paraml.spark.StandaloneCluster;
import org.paraml.svm.SVC;

/**
 * ParaML on Spark against its peers, on one local standalone cluster (a master and two workers of one
 * core, started from the class path): (1) KMeans — ParaML's SparkKMeans vs Spark MLlib's
 * {@code mllib.clustering.KMeans} on the same tutorial blobs (same k, k-means|| init with the same rounds
 * and oversampling, the same Lloyd iterations), both on data cached on the executors; (2) the overhead of a
 * search on Spark over the local searcher. Prints one line per run and the medians.
 *
 * <p>Arguments: blocks, rows per block, measured repetitions after one warm-up, MiB per worker (defaults 8,
 * 100000, 5, 2048).
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path state = Files.createTempDirectory("paraml-spark-bench");
        int workerMb = args.length > 3 ? Integer.parseInt(args[3]) : 2048;
        try (StandaloneCluster cluster = StandaloneCluster.start(ClusterOptions.defaults().withPort(0)
                .withMemoryPerWorker(workerMb + "m").withStateDir(state))) {
            JavaSparkContext sc = SparkContexts.create(cluster.masterUrl(), "paraml-bench", null,
                    Map.of("spark.executor.memory", (workerMb - 100) + "m"));
            sc.setLogLevel("WARN");
            try {
                kmeans(sc, blocks, rows, reps);
                search(sc, reps);
            } finally {
                sc.stop();
            }
        }
    }

    private static void kmeans(JavaSparkContext sc, int blocks, int rows, int reps) {
        int k = 12;
        int rounds = 2;
        System.out.printf(Locale.ROOT, "KMeans: %d tutorial blob blocks x %d rows x 20 (%d rows), k=%d, k-means|| %d rounds of"
                + " 2k samples (MLlib's defaults), MLlib given ParaML's number of Lloyd iterations, 2 executors x 1 core;"
                + " run 0 is a warm-up%n", blocks, rows, (long) blocks * rows, k, rounds);
        BlockSpec spec = BlockSpec.tutorialBlobs(blocks, rows);
        List<Double> paramlTimes = new ArrayList<>();
        List<Double> mllibTimes = new ArrayList<>();
        double paramlCost = 0;
        double mllibCost = 0;
        try (SparkKMeans data = SparkKMeans.open(sc, spec, StorageLevel.MEMORY_ONLY())) {
            data.cache();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < blocks; i++) {
                idx.add(i);
            }
            JavaRDD<Vector> vectors = sc.parallelize(idx, blocks).flatMap(i -> {
                Matrix m = TutorialBlobs.block(i, rows);
                List<Vector> out = new ArrayList<>(m.rows());
                for (int r = 0; r < m.rows(); r++) {
                    out.add(Vectors.dense(m.row(r)));
                }
                return out.iterator();
            }).persist(StorageLevel.MEMORY_ONLY());
            vectors.count();
            for (int rep = 0; rep <= reps; rep++) {
                long t0 = System.nanoTime();
                KMeansModel m = data.fit(new KMeans().nClusters(k).initMaxIter(rounds).oversamplingFactor(2)
                        .maxIter(300).randomState((long) rep).threads(1));
                double s = (System.nanoTime() - t0) / 1e9;
                if (rep > 0) {
                    paramlTimes.add(s);
                }
                paramlCost = m.inertia();
                System.out.printf(Locale.ROOT, "  paraml run %d: %.2f s, %d iterations, cost %.6e%n", rep, s, m.nIter(),
                        m.inertia());

                t0 = System.nanoTime();
                org.apache.spark.mllib.clustering.KMeansModel mm = new org.apache.spark.mllib.clustering.KMeans()
                        .setK(k).setInitializationMode("k-means||").setInitializationSteps(rounds)
                        .setMaxIterations(m.nIter()).setSeed(rep).run(vectors.rdd());
                s = (System.nanoTime() - t0) / 1e9;
                if (rep > 0) {
                    mllibTimes.add(s);
                }
                mllibCost = mm.computeCost(vectors.rdd());
                System.out.printf(Locale.ROOT, "  mllib  run %d: %.2f s, %d iterations, cost %.6e%n", rep, s,
                        mm.numIter(), mllibCost);
                if (mm.numIter() != m.nIter()) {
                    System.out.printf(Locale.ROOT, "  (mllib stopped at %d iterations, paraml made %d)%n", mm.numIter(),
                            m.nIter());
                }
            }
            vectors.unpersist(false);
        }
        double p = median(paramlTimes);
        double m = median(mllibTimes);
        System.out.printf(Locale.ROOT, "KMEANS median: paraml %.2f s, mllib %.2f s, mllib/paraml %.2fx; last costs "
                + "paraml %.6e, mllib %.6e (paraml/mllib %.4f)%n", p, m, m / p, paramlCost, mllibCost,
                paramlCost / mllibCost);
    }

    private static void search(JavaSparkContext sc, int reps) {
        Dataset d = new MakeClassification().nSamples(4000).nFeatures(4).randomState(0).generate();
        GridSearchCV gs = new GridSearchCV(new SVC(), Map.of("C", List.of(0.1, 1.0, 10.0),
                "kernel", List.of("rbf", "poly"))).cv(3).refit(false);
        System.out.println("Search: GridSearchCV(SVC, C=[0.1,1,10] x kernel=[rbf,poly], cv=3) on make_classification(4000, 4)");
        List<Double> local = new ArrayList<>();
        List<Double> spark = new ArrayList<>();
        System.out.println("  run 0 is a warm-up");
        for (int rep = 0; rep <= reps; rep++) {
            long t0 = System.nanoTime();
            SearchResult a = gs.nJobs(2).fit(d.x(), d.y());
            double l = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            SearchResult b = gs.executor(new SparkExecutor(sc)).fit(d.x(), d.y());
            double r = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) {
                local.add(l);
                spark.add(r);
            }
            if (!Arrays.deepEquals(a.cvResults().testScores(), b.cvResults().testScores())) {
                throw new AssertionError("Spark and local scores differ");
            }
            System.out.printf(Locale.ROOT, "  run %d: local n_jobs=2 %.2f s, spark %.2f s%n", rep, l, r);
        }
        System.out.printf(Locale.ROOT, "SEARCH median: local %.2f s, spark %.2f s, spark/local %.2fx (scores identical)%n",
                median(local), median(spark), median(spark) / median(local));
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
