package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.estimator.NearestCentroid;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;

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
}
