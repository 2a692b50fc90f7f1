package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.cluster.KMeansModel;
import org.paraml.data.Blocks;
import org.paraml.estimator.NearestCentroid;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.selection.SearchRun;

/**
 * A real standalone cluster on 127.0.0.1 — a Master and two Workers (1 core, 1g each), separate JVMs started
 * from the test class path — started once for the class: a search and a KMeans fit give the local results,
 * and a search whose executor is killed (kill -9) in the middle still gives the complete, identical results.
 */
@Tag("spark")
class SparkStandaloneClusterTest {
    @TempDir
    static Path state;
    private static StandaloneCluster cluster;
    private static final List<ProcessHandle> STARTED = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = StandaloneCluster.start(ClusterOptions.defaults().withPort(0).withStateDir(state));
        STARTED.add(cluster.master());
        STARTED.addAll(cluster.workers());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        for (ProcessHandle p : STARTED) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " still runs after close");
        }
    }

    private static JavaSparkContext connect(Map<String, String> extra) throws IOException {
        return SparkContexts.create(cluster.masterUrl(), "paraml-cluster-test", null, extra);
    }

    @Test
    void searchAndKMeansOnTheClusterEqualTheLocalResults() throws IOException {
        SearchResult local = SearchFixtures.search().fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        JavaSparkContext sc = connect(Map.of());
        try {
            SearchResult spark = SearchFixtures.search().executor(new SparkExecutor(sc))
                    .fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
            SearchFixtures.assertSameResults(local, spark);
            try (SparkKMeans blobs = SparkKMeans.open(sc, KMeansFixtures.BLOBS);
                    Blocks blocks = KMeansFixtures.BLOBS.open()) {
                KMeansModel want = KMeansFixtures.tutorialKMeans().fit(blocks);
                KMeansFixtures.assertIdentical(want, blobs.fit(KMeansFixtures.tutorialKMeans()));
            }
        } finally {
            sc.stop();
        }
    }

    @Test
    void aSearchSurvivesTheLossOfAnExecutor() throws Exception {
        GridSearchCV search = new GridSearchCV(new NearestCentroid(), Map.of("shrink",
                List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9))).cv(3).refit(false);
        SearchResult local = search.fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        // each fit sleeps 300 ms on the executors, so that the search is still running when one of them dies
        JavaSparkContext sc = connect(Map.of("spark.executor.extraJavaOptions", "-Dparaml.test.fitDelayMs=300"));
        try {
            AtomicInteger done = new AtomicInteger();
            SearchRun run = search.executor(new SparkExecutor(sc)).progress((d, total, best) -> done.set(d))
                    .start(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (done.get() < 4 && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> executors = cluster.executors(0);
            assertEquals(1, executors.size(), "one executor on worker 0");
            assertTrue(done.get() < 30, "the search is still running");
            executors.get(0).destroyForcibly(); // kill -9
            SearchResult spark = run.await();
            assertFalse(executors.get(0).isAlive());
            SearchFixtures.assertSameResults(local, spark);
            assertEquals(30, done.get());
        } finally {
            sc.stop();
        }
    }
}
