package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.estimator.Classifier;
import org.paraml.estimator.NearestCentroid;
import org.paraml.estimator.OneMean;
import org.paraml.linalg.Matrix;

class GridSearchCVTest {
    private static final Dataset DATA = new MakeClassification().nSamples(120).nFeatures(5).nInformative(3)
            .nClasses(3).randomState(1).generate();
    private static final Map<String, List<?>> GRID = Map.of("shrink", List.of(0.0, 0.3, 0.6, 0.95, 1.0),
            "fail_above", List.of(0.9));

    private static GridSearchCV search() {
        return new GridSearchCV(new NearestCentroid(), GRID).cv(4).returnTrainScore(true);
    }

    private static void assertSameScores(CvResults a, CvResults b) {
        assertEquals(a.params(), b.params());
        assertArrayEquals(a.testScores(), b.testScores());
        assertArrayEquals(a.meanTestScore(), b.meanTestScore());
        assertArrayEquals(a.stdTestScore(), b.stdTestScore());
        assertArrayEquals(a.rankTestScore(), b.rankTestScore());
        assertArrayEquals(a.meanTrainScore(), b.meanTrainScore());
    }

    private static List<String> describe(List<FitFailure> failures) {
        return failures.stream().map(f -> f.candidate() + "/" + f.fold() + ": " + f.message()).toList();
    }

    @Test
    void resultsAreIdenticalForAnyNumberOfJobs() {
        SearchResult one = search().nJobs(1).fit(DATA.x(), DATA.y());
        for (int nJobs : new int[] {2, 3, -1, 16}) {
            SearchResult r = search().nJobs(nJobs).fit(DATA.x(), DATA.y());
            assertSameScores(one.cvResults(), r.cvResults());
            assertEquals(one.bestIndex(), r.bestIndex());
            assertEquals(describe(one.fitFailures()), describe(r.fitFailures()));
        }
    }

    @Test
    void aFailingCandidateGetsNaNAndItsErrorWhileTheOthersFinish() {
        SearchResult r = search().nJobs(2).fit(DATA.x(), DATA.y());
        double[] mean = r.cvResults().meanTestScore();
        assertTrue(Double.isNaN(mean[3]) && Double.isNaN(mean[4]));
        for (int c = 0; c < 3; c++) {
            assertTrue(mean[c] > 0.3, "candidate " + c + " finished: " + mean[c]);
        }
        assertArrayEquals(new int[] {4, 4}, new int[] {r.cvResults().rankTestScore()[3], r.cvResults().rankTestScore()[4]});
        assertEquals(8, r.fitFailures().size());
        assertEquals(3, r.fitFailures().get(0).candidate());
        String error = r.fitFailures().get(0).error();
        assertTrue(error.startsWith("java.lang.IllegalArgumentException: shrink=0.95 is above"), error);
        assertTrue(error.strip().endsWith("(SearchJob.java:" + error.split("SearchJob.java:")[1].split("\\)")[0] + ")"),
                "the trace stops at the task: " + error);
        assertTrue(Double.isNaN(r.cvResults().meanTrainScore()[4]));
    }

    @Test
    void errorScoreRaisePropagatesTheFitsException() {
        for (int nJobs : new int[] {1, 3}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> search().nJobs(nJobs).errorScoreRaise().fit(DATA.x(), DATA.y()));
            assertTrue(e.getMessage().startsWith("shrink=0.95 is above fail_above=0.9"), e.getMessage());
        }
        SearchResult r = search().errorScore(-1).fit(DATA.x(), DATA.y());
        assertEquals(-1.0, r.cvResults().meanTestScore()[4]);
    }

    /**
     * With error_score='raise', the fits running beside the one that raises still finish, and their
     * results reach the journal (a rerun need not fit them again): three workers, two fits that wait
     * until the third has failed, then finish.
     */
    @Test
    void fitsRunningWhenOneRaisesStillReachTheJournal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.util.concurrent.CountDownLatch failing = new java.util.concurrent.CountDownLatch(1);
        java.nio.file.Path journal = tmp.resolve("search.jsonl");
        GridSearchCV raising = new GridSearchCV(new AfterFailure(new NearestCentroid(), failing),
                Map.of("shrink", List.of(0.1, 0.95), "fail_above", List.of(0.9))).cv(2).nJobs(3).errorScoreRaise()
                .journal(journal);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> raising.fit(DATA.x(), DATA.y()));
        assertTrue(e.getMessage().startsWith("shrink=0.95 is above"), e.getMessage());
        List<String> lines = java.nio.file.Files.readAllLines(journal);
        assertEquals(3, lines.size(), "the header and candidate 0's two folds: " + lines);
        assertTrue(lines.get(1).contains("\"candidate\":0") && lines.get(2).contains("\"candidate\":0"), lines.toString());
    }

    /** NearestCentroid whose good fits wait (up to 10 s) for a failing fit to start failing, then a little more. */
    private record AfterFailure(NearestCentroid inner, java.util.concurrent.CountDownLatch failing)
            implements org.paraml.estimator.ClassifierEstimator {
        @Override
        public Map<String, Object> getParams() {
            return inner.getParams();
        }

        @Override
        public AfterFailure withParams(Map<String, ?> params) {
            return new AfterFailure(inner.withParams(params), failing);
        }

        @Override
        public AfterFailure threads(int n) {
            return new AfterFailure(inner.threads(n), failing);
        }

        @Override
        public Classifier fit(Matrix x, int[] y) {
            Map<String, Object> p = inner.getParams();
            if ((double) p.get("shrink") > (double) p.get("fail_above")) {
                failing.countDown();
                return inner.fit(x, y); // throws
            }
            try {
                failing.await(10, java.util.concurrent.TimeUnit.SECONDS);
                Thread.sleep(300); // the failure reaches the executor meanwhile
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
            return inner.fit(x, y);
        }
    }

    @Test
    void allFitsFailingIsAnError() {
        SearchFailedException e = assertThrows(SearchFailedException.class, () -> new GridSearchCV(new NearestCentroid(),
                Map.of("shrink", List.of(0.5), "fail_above", List.of(0.1))).cv(3).fit(DATA.x(), DATA.y()));
        assertTrue(e.getMessage().startsWith("\nAll the 3 fits failed.\nIt is very likely that your model is misconfigured."),
                e.getMessage());
        assertTrue(e.getMessage().contains("3 fits failed with the following error:\njava.lang.IllegalArgumentException"));
    }

    @Test
    void refitFitsTheBestCandidateOnAllTheData() {
        SearchResult r = search().fit(DATA.x(), DATA.y());
        assertEquals(r.cvResults().params().get(r.bestIndex()), r.bestParams());
        assertEquals(1, r.cvResults().rankTestScore()[r.bestIndex()]);
        Classifier best = (Classifier) r.bestModel();
        NearestCentroid expected = new NearestCentroid().withParams(r.bestParams());
        assertArrayEquals(expected.fit(DATA.x(), DATA.y()).predict(DATA.x()), best.predict(DATA.x()));
        assertTrue(r.refitTime() >= 0);
        assertEquals(4, r.nSplits());
        SearchResult noRefit = search().refit(false).fit(DATA.x(), DATA.y());
        assertFalse(noRefit.refitted());
        assertEquals(r.bestParams(), noRefit.bestParams());
        assertTrue(assertThrows(IllegalStateException.class, noRefit::bestModel).getMessage()
                .startsWith("This GridSearchCV instance was initialized with `refit=False`."));
        assertTrue(Double.isNaN(noRefit.refitTime()));
    }

    @Test
    void unknownParameterNamesFailBeforeAnyFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridSearchCV(new NearestCentroid(), Map.of("C", List.of(1))).fit(DATA.x(), DATA.y()));
        assertEquals("Invalid parameter 'C' for estimator NearestCentroid(). Valid parameters are: "
                + "['fail_above', 'shrink'].", e.getMessage());
    }

    @Test
    void threadBudgetIsSplitBetweenConcurrentFits() {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Scorer recording = (model, x, y) -> {
            seen.add(((NearestCentroid.CentroidModel) model).threads());
            return model.score(x, y);
        };
        // 2 tasks, 4 threads: two workers of 2 kernel threads each
        SearchResult r = new GridSearchCV(new NearestCentroid(), Map.of("shrink", List.of(0.0))).cv(2).nJobs(4)
                .scoring(recording).fit(DATA.x(), DATA.y());
        assertEquals(Set.of(2), seen);
        assertEquals(4, ((NearestCentroid.CentroidModel) r.bestModel()).threads(), "the refit gets the whole budget");
        seen.clear();
        // 10 tasks, 3 threads: three workers of 1
        new GridSearchCV(new NearestCentroid(), Map.of("shrink", List.of(0.0, 0.5))).cv(5).nJobs(3)
                .scoring(recording).fit(DATA.x(), DATA.y());
        assertEquals(Set.of(1), seen);
        assertEquals(3, NJobs.kernelThreads(8, 3, 0));
        assertEquals(2, NJobs.kernelThreads(8, 3, 2));
        assertEquals(Runtime.getRuntime().availableProcessors(), NJobs.resolve(-1));
    }

    @Test
    void progressCountsEveryFitAndTracksTheBestCompletedCandidate() {
        List<int[]> calls = Collections.synchronizedList(new ArrayList<>());
        List<Double> bests = Collections.synchronizedList(new ArrayList<>());
        SearchResult r = search().nJobs(2).progress((done, total, best) -> {
            calls.add(new int[] {done, total});
            bests.add(best);
        }).fit(DATA.x(), DATA.y());
        assertEquals(21, calls.size());
        for (int i = 0; i < calls.size(); i++) {
            assertArrayEquals(new int[] {i, 20}, calls.get(i));
        }
        assertTrue(Double.isNaN(bests.get(0)));
        assertEquals(r.bestScore(), bests.get(bests.size() - 1));
    }

    @Test
    void integerCvMeansStratifiedForClassifiersOnly() {
        int[] y = {0, 1, 0, 1};
        assertTrue(CrossValidation.checkCv(2, new NearestCentroid(), y) instanceof StratifiedKFold);
        assertTrue(CrossValidation.checkCv(2, new OneMean(), null) instanceof KFold);
    }

    @Test
    void unsupervisedEstimatorsUseKFoldAndTheirOwnScore() {
        SearchResult r = new GridSearchCV(new OneMean(), Map.of("scale", List.of(0.5, 1.0, 2.0))).cv(3)
                .fit(DATA.x(), null);
        assertEquals(1, r.cvResults().rankTestScore()[1]);
        assertEquals(Map.of("scale", 1.0), r.bestParams());
        assertTrue(r.bestScore() < 0);
    }

    @Test
    void randomizedSearchTriesTheSamplersCandidates() {
        Map<String, Object> space = Map.of("shrink", Distribution.uniform(0, 0.8), "fail_above", List.of(0.9, 1.0));
        RandomizedSearchCV rs = new RandomizedSearchCV(new NearestCentroid(), space).nIter(4).randomState(3L).cv(3);
        SearchResult r = rs.fit(DATA.x(), DATA.y());
        assertEquals(new ParameterSampler(space, 4, 3L).samples(), r.cvResults().params());
        assertEquals(4, r.cvResults().nCandidates());
        assertEquals(r.cvResults().params(), rs.fit(DATA.x(), DATA.y()).cvResults().params());
    }

    @Test
    void cancelStopsPromptlyAndLeavesNoThreads() throws Exception {
        String old = System.getProperty("paraml.test.fitDelayMs");
        System.setProperty("paraml.test.fitDelayMs", "200");
        try {
            for (int nJobs : new int[] {1, 3}) {
                SearchRun run = new GridSearchCV(new NearestCentroid(),
                        Map.of("shrink", List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5))).cv(5).nJobs(nJobs)
                        .start(DATA.x(), DATA.y());
                Thread.sleep(300);
                long t0 = System.nanoTime();
                run.cancel();
                assertThrows(CancellationException.class, run::await);
                assertTrue((System.nanoTime() - t0) / 1e9 < 5, "cancel is prompt");
                assertTrue(run.isDone());
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    assertFalse(t.getName().startsWith("paraml-search-") || t.getName().startsWith("paraml-GridSearchCV"),
                            "leaked " + t.getName());
                }
            }
        } finally {
            if (old == null) {
                System.clearProperty("paraml.test.fitDelayMs");
            } else {
                System.setProperty("paraml.test.fitDelayMs", old);
            }
        }
    }

    @Test
    void interruptingTheCallerCancelsFit() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> search().fit(DATA.x(), DATA.y()));
            assertTrue(Thread.interrupted(), "the interrupt status is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void crossValidateScoresEveryFoldLikeASingleCandidateSearch() {
        CrossValidator cv = new StratifiedKFold(4);
        CrossValidation.Result cvr = CrossValidation.crossValidate(new NearestCentroid(), DATA.x(), DATA.y(), cv,
                "f1_macro", 2, true, ErrorScore.NAN);
        SearchResult r = new GridSearchCV(new NearestCentroid(), Map.of("shrink", List.of(0.0))).cv(cv)
                .scoring("f1_macro").fit(DATA.x(), DATA.y());
        assertArrayEquals(r.cvResults().testScores()[0], cvr.testScore());
        assertNotNull(cvr.trainScore());
        assertArrayEquals(cvr.testScore(), CrossValidation.crossValScore(new NearestCentroid(), DATA.x(), DATA.y(), cv,
                "f1_macro", 1));
        assertEquals(5, CrossValidation.crossValScore(new NearestCentroid(), DATA.x(), DATA.y()).length);
        assertTrue(cvr.fitFailures().isEmpty());
    }
}
