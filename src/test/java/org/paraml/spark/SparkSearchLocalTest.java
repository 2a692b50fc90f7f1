package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.estimator.NearestCentroid;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.selection.SearchRun;

/** Searches on Spark in this JVM ({@code local[2]}): the same cv_results as the local searcher. */
@Tag("spark")
class SparkSearchLocalTest {
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
    void svcGridSearchEqualsTheLocalSearcher() {
        SearchResult local = SearchFixtures.search().nJobs(2).fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        SearchResult spark = SearchFixtures.search().executor(new SparkExecutor(sc))
                .progress((done, total, best) -> progress.add(done + "/" + total))
                .fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        SearchFixtures.assertSameResults(local, spark);
        assertEquals("18/18", progress.get(progress.size() - 1));
        SearchResult oneTaskEach = SearchFixtures.search().scoring("roc_auc").returnTrainScore(true)
                .executor(new SparkExecutor(sc).shareKernels(false))
                .fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        SearchResult localAuc = SearchFixtures.search().scoring("roc_auc").returnTrainScore(true)
                .fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        SearchFixtures.assertSameResults(localAuc, oneTaskEach);
    }

    @Test
    void aResumedSearchSkipsTheJournaledFitsAndJournalsTheOthers(@TempDir Path tmp) throws IOException {
        Path journal = tmp.resolve("search.jsonl");
        SearchResult local = SearchFixtures.search().journal(journal).fit(SearchFixtures.DATA.x(),
                SearchFixtures.DATA.y());
        List<String> lines = Files.readAllLines(journal);
        assertEquals(1 + 18, lines.size());
        Files.write(journal, lines.subList(0, 1 + 5)); // as if the first search died after 5 fits
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        SearchResult resumed = SearchFixtures.search().journal(journal).executor(new SparkExecutor(sc))
                .progress((done, total, best) -> progress.add(done + "/" + total))
                .fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
        SearchFixtures.assertSameResults(local, resumed);
        assertEquals("5/18", progress.get(0));
        assertEquals(1 + 18 - 5, progress.size());
        assertEquals(1 + 18, Files.readAllLines(journal).size());
    }

    @Test
    void errorScoreRaiseEndsTheSearchWithTheFitsException() {
        GridSearchCV bad = new GridSearchCV(new NearestCentroid(), Map.of("shrink", List.of(0.0, 2.0))).cv(3)
                .errorScoreRaise().executor(new SparkExecutor(sc));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bad.fit(SearchFixtures.DATA.x(), SearchFixtures.DATA.y()));
        assertEquals("shrink=2.0 is above fail_above=1.0", e.getMessage());
    }

    @Test
    void cancellingASparkSearchStopsItsJobsAndKeepsTheJournaledFits(@TempDir Path tmp) throws Exception {
        Path journal = tmp.resolve("cancelled.jsonl");
        System.setProperty("paraml.test.fitDelayMs", "200");
        try {
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            SearchRun run = new GridSearchCV(new NearestCentroid(), Map.of("shrink", List.of(0.0, 0.1, 0.2, 0.3, 0.4,
                    0.5, 0.6, 0.7, 0.8, 0.9))).cv(3).refit(false).journal(journal)
                    .executor(new SparkExecutor(sc)).progress((d, total, best) -> done.set(d))
                    .start(SearchFixtures.DATA.x(), SearchFixtures.DATA.y());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (done.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            run.cancel();
            assertThrows(CancellationException.class, run::await);
            int kept = Files.readAllLines(journal).size() - 1;
            assertTrue(kept >= 2 && kept < 30, kept + " fits journaled");
            assertTrue(sc.statusTracker().getActiveJobIds().length == 0 || waitForNoJobs(),
                    "no job of the search runs after await");
        } finally {
            System.clearProperty("paraml.test.fitDelayMs");
        }
    }

    private static boolean waitForNoJobs() throws InterruptedException {
        for (int i = 0; i < 100 && sc.statusTracker().getActiveJobIds().length > 0; i++) {
            Thread.sleep(50);
        }
        return sc.statusTracker().getActiveJobIds().length == 0;
    }
}
