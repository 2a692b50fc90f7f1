package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.estimator.NearestCentroid;
import org.paraml.linalg.Matrix;

class SearchJournalTest {
    @TempDir
    Path dir;

    private static final Matrix X = JournalSearchMain.DATA.x();
    private static final int[] Y = JournalSearchMain.DATA.y();
    private static final int TOTAL = 18;

    private static void assertSameResults(SearchResult a, SearchResult b) {
        CvResults x = a.cvResults();
        CvResults y = b.cvResults();
        assertEquals(x.params(), y.params());
        assertArrayEquals(x.testScores(), y.testScores());
        assertArrayEquals(x.meanTestScore(), y.meanTestScore());
        assertArrayEquals(x.stdTestScore(), y.stdTestScore());
        assertArrayEquals(x.rankTestScore(), y.rankTestScore());
        assertArrayEquals(x.meanTrainScore(), y.meanTrainScore());
        assertEquals(a.bestParams(), b.bestParams());
        assertEquals(a.fitFailures().size(), b.fitFailures().size());
        for (int i = 0; i < a.fitFailures().size(); i++) {
            assertEquals(a.fitFailures().get(i).message(), b.fitFailures().get(i).message());
        }
    }

    private static List<String> lines(Path journal) throws IOException {
        return Files.readAllLines(journal, StandardCharsets.UTF_8);
    }

    @Test
    void aRerunSkipsTheJournaledFitsAndGivesTheSameResults() throws IOException {
        Path journal = dir.resolve("search.jsonl");
        SearchResult plain = JournalSearchMain.search().fit(X, Y);
        SearchResult first = JournalSearchMain.search().journal(journal).nJobs(2).fit(X, Y);
        assertSameResults(plain, first);
        assertEquals(1 + TOTAL, lines(journal).size());

        // keep the header and 7 results, then a write cut short by a crash
        List<String> kept = lines(journal).subList(0, 8);
        Files.write(journal, (String.join("\n", kept) + "\n{\"candidate\":5,\"fold\":1,\"test_sc").getBytes(StandardCharsets.UTF_8));
        int before = NearestCentroid.FITS.get();
        SearchResult resumed = JournalSearchMain.search().journal(journal).nJobs(3).fit(X, Y);
        assertEquals(TOTAL - 7 + 1, NearestCentroid.FITS.get() - before, "only the missing fits (and the refit) ran");
        assertSameResults(plain, resumed);
        List<String> after = lines(journal);
        assertEquals(1 + TOTAL, after.size(), "the torn line was replaced");
        assertTrue(after.stream().allMatch(l -> l.endsWith("}")));

        int again = NearestCentroid.FITS.get();
        assertSameResults(plain, JournalSearchMain.search().journal(journal).fit(X, Y));
        assertEquals(1, NearestCentroid.FITS.get() - again, "a complete journal leaves only the refit");
    }

    @Test
    void aJournalOfAnotherSearchOrOtherDataIsRefusedNamingTheFile() {
        Path journal = dir.resolve("other.jsonl");
        JournalSearchMain.search().journal(journal).fit(X, Y);
        SearchJournalException grid = assertThrows(SearchJournalException.class, () -> new GridSearchCV(
                new NearestCentroid(), Map.of("shrink", List.of(0.0, 0.5))).cv(new StratifiedKFold(3, true, 5L))
                .returnTrainScore(true).journal(journal).fit(X, Y));
        assertTrue(grid.getMessage().startsWith("search journal " + journal + ": was written by a different search"),
                grid.getMessage());
        assertTrue(grid.getMessage().contains("differs in: candidates;"), grid.getMessage());
        assertEquals(journal, grid.file());

        Matrix other = X.copy();
        other.set(0, 0, other.get(0, 0) + 1e-9);
        SearchJournalException data = assertThrows(SearchJournalException.class,
                () -> JournalSearchMain.search().journal(journal).fit(other, Y));
        assertTrue(data.getMessage().contains("differs in: data;"), data.getMessage());

        SearchJournalException scoring = assertThrows(SearchJournalException.class,
                () -> JournalSearchMain.search().scoring("f1_macro").journal(journal).fit(X, Y));
        assertTrue(scoring.getMessage().contains("differs in: scoring;"), scoring.getMessage());

        SearchJournalException folds = assertThrows(SearchJournalException.class,
                () -> JournalSearchMain.search().cv(new StratifiedKFold(3, true, 6L)).journal(journal).fit(X, Y));
        assertTrue(folds.getMessage().contains("differs in: splits;"), folds.getMessage());
    }

    /**
     * An estimator parameter that is a matrix (KMeans' explicit initial centres) is part of the search: a
     * journal written with other centres of the same shape holds other scores and must be refused, not
     * resumed (the fingerprint took the matrix's toString, which names only its shape).
     */
    @Test
    void aJournalOfOtherInitialCentresIsRefused() {
        Path journal = dir.resolve("centres.jsonl");
        Matrix a = Matrix.of(new double[][] {{0, 0, 0, 0}, {1, 1, 1, 1}});
        Matrix b = Matrix.of(new double[][] {{0, 0, 0, 0}, {5, 5, 5, 5}});
        new GridSearchCV(new org.paraml.cluster.KMeans().nClusters(2).init(a), Map.of("max_iter", List.of(1, 300)))
                .cv(new KFold(3)).journal(journal).fit(X, null);
        SearchJournalException other = assertThrows(SearchJournalException.class, () -> new GridSearchCV(
                new org.paraml.cluster.KMeans().nClusters(2).init(b), Map.of("max_iter", List.of(1, 300)))
                .cv(new KFold(3)).journal(journal).fit(X, null));
        assertTrue(other.getMessage().contains("differs in: params;"), other.getMessage());
        // the same centres, copied, are the same search
        new GridSearchCV(new org.paraml.cluster.KMeans().nClusters(2).init(a.copy()), Map.of("max_iter", List.of(1, 300)))
                .cv(new KFold(3)).journal(journal).fit(X, null);
    }

    @Test
    void aCorruptJournalIsAnErrorNamingTheLine() throws IOException {
        Path journal = dir.resolve("corrupt.jsonl");
        JournalSearchMain.search().journal(journal).fit(X, Y);
        List<String> l = new ArrayList<>(lines(journal));
        l.set(3, "not json");
        Files.write(journal, l);
        SearchJournalException e = assertThrows(SearchJournalException.class,
                () -> JournalSearchMain.search().journal(journal).fit(X, Y));
        assertTrue(e.getMessage().startsWith("search journal " + journal + ": line 4 is not a task result"), e.getMessage());

        Path notJournal = dir.resolve("notes.txt");
        Files.writeString(notJournal, "{\"hello\": 1}\n");
        assertTrue(assertThrows(SearchJournalException.class, () -> JournalSearchMain.search().journal(notJournal)
                .fit(X, Y)).getMessage().contains("is not a ParaML search journal"));
    }

    /**
     * A file without any newline is either a journal whose header write was cut short (it holds no
     * result: started afresh) or some other file, which must be refused and left as it was, not
     * truncated into a journal.
     */
    @Test
    void aFileWithoutNewlineIsStartedAfreshOnlyWhenItIsATornHeader() throws IOException {
        Path notes = dir.resolve("notes.json");
        String text = "{\"best\": 0.93, \"C\": 1}";
        Files.writeString(notes, text);
        SearchJournalException e = assertThrows(SearchJournalException.class,
                () -> JournalSearchMain.search().journal(notes).fit(X, Y));
        assertTrue(e.getMessage().startsWith("search journal " + notes + ": is not a ParaML search journal"),
                e.getMessage());
        assertEquals(text, Files.readString(notes), "the file is left as it was");

        Path torn = dir.resolve("torn-header.jsonl");
        Path whole = dir.resolve("whole.jsonl");
        SearchResult plain = JournalSearchMain.search().journal(whole).fit(X, Y);
        String header = lines(whole).get(0);
        for (int cut : new int[] {1, 12, header.length() / 2, header.length()}) {
            Files.writeString(torn, header.substring(0, cut));
            assertSameResults(plain, JournalSearchMain.search().journal(torn).fit(X, Y));
            assertEquals(1 + TOTAL, lines(torn).size(), "cut at " + cut);
            assertEquals(header, lines(torn).get(0));
        }
    }

    /**
     * A search cancelled while a fold is being scored: the fold's fit and scoring end normally (scoring does not
     * look at the interrupt), so its result is finished and must reach the journal, as must the results of the
     * other workers. The interrupt is still set when the worker appends: a write through the journal's
     * {@link java.nio.channels.FileChannel} (an interruptible channel) then fails with ClosedByInterruptException
     * and closes the channel for every worker, so the result was lost and the search failed with a
     * SearchJournalException instead of being cancelled.
     */
    @Test
    void aResultFinishedAsTheSearchIsCancelledStillReachesTheJournal() throws IOException {
        SearchResult plain = JournalSearchMain.search().scoring(new InterruptingScorer(false)).fit(X, Y);
        for (int nJobs : new int[] {1, 2}) {
            Path journal = dir.resolve("cancelled-" + nJobs + ".jsonl");
            try {
                assertThrows(java.util.concurrent.CancellationException.class, () -> JournalSearchMain.search()
                        .scoring(new InterruptingScorer(true)).journal(journal).nJobs(nJobs).fit(X, Y));
            } finally {
                Thread.interrupted(); // a cancelled fit keeps the caller's interrupt status
            }
            List<String> l = lines(journal);
            assertTrue(l.size() >= 2, "the fold scored as the search was cancelled is journaled: " + l);
            if (nJobs == 1) {
                assertEquals(2, l.size(), l.toString());
                assertTrue(l.get(1).startsWith("{\"candidate\":0,\"fold\":0,"), l.get(1));
            }
            int before = NearestCentroid.FITS.get();
            SearchResult resumed = JournalSearchMain.search().scoring(new InterruptingScorer(false)).journal(journal)
                    .fit(X, Y);
            assertEquals(TOTAL - (l.size() - 1) + 1, NearestCentroid.FITS.get() - before, "the journaled fits are kept");
            assertSameResults(plain, resumed);
        }
    }

    /** The model's own score; the first call (when armed) interrupts its thread, as a cancel arriving then. */
    private static final class InterruptingScorer implements Scorer {
        private final java.util.concurrent.atomic.AtomicBoolean armed;

        InterruptingScorer(boolean armed) {
            this.armed = new java.util.concurrent.atomic.AtomicBoolean(armed);
        }

        @Override
        public double score(org.paraml.estimator.Model model, Matrix x, int[] y) {
            if (armed.getAndSet(false)) {
                Thread.currentThread().interrupt();
            }
            return model.score(x, y);
        }

        @Override
        public boolean readsProbabilities() {
            return false;
        }

        @Override
        public String toString() {
            return "score (interrupting)";
        }
    }

    @Test
    void aSearchKilledMidwayResumesToTheUninterruptedResults() throws Exception {
        Path journal = dir.resolve("killed.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dparaml.test.fitDelayMs=150", "-cp", System.getProperty("java.class.path"),
                JournalSearchMain.class.getName(), journal.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (resultLines(journal) < 4) {
                assertTrue(p.isAlive(), () -> "the child search ended early: " + read(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "no journal lines after 60 s");
                Thread.sleep(20);
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
        }
        int done = resultLines(journal);
        assertTrue(done >= 4 && done < TOTAL, "killed midway: " + done + " fits journaled");
        int before = NearestCentroid.FITS.get();
        SearchResult resumed = JournalSearchMain.search().journal(journal).nJobs(2).fit(X, Y);
        assertEquals(TOTAL - done + 1, NearestCentroid.FITS.get() - before);
        assertSameResults(JournalSearchMain.search().fit(X, Y), resumed);
    }

    private static int resultLines(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        byte[] b = Files.readAllBytes(journal);
        int n = 0;
        for (byte c : b) {
            n += c == '\n' ? 1 : 0;
        }
        return Math.max(0, n - 1);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aJournalInUseIsRefused() throws Exception {
        Path journal = dir.resolve("locked.jsonl");
        try (var ch = java.nio.channels.FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            SearchJournalException e = assertThrows(SearchJournalException.class,
                    () -> JournalSearchMain.search().journal(journal).fit(X, Y));
            assertTrue(e.getMessage().contains("in use by another search"), e.getMessage());
        }
    }

    /**
     * A journal that is fine but cannot take a result (here: already closed; a full disk in practice)
     * says so with {@link SearchJournalException#writeFailed()}, so that the command line reports a
     * failure while running rather than a bad input file; a journal of another search does not.
     */
    @Test
    void aFailedAppendIsAWriteFailureNotABadJournal() throws IOException {
        Path journal = dir.resolve("closed.jsonl");
        List<Map<String, Object>> candidates = new ParameterGrid(Map.of("shrink", List.of(0.0, 0.5))).toList();
        SearchJob job = new SearchJob(new NearestCentroid(), candidates, new StratifiedKFold(3).split(X.rows(), Y), X, Y,
                Scorers.get("accuracy"), false, ErrorScore.NAN);
        TaskResult result = job.evaluate(job.tasks().get(0), 1);
        SearchJournal open = SearchJournal.open(journal, job, SearchFingerprint.of(job, "accuracy"), "accuracy");
        open.close();
        SearchJournalException e = assertThrows(SearchJournalException.class, () -> open.append(result));
        assertTrue(e.writeFailed(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot append a result"), e.getMessage());

        Files.writeString(journal, "not a journal\n");
        SearchJournalException bad = assertThrows(SearchJournalException.class,
                () -> SearchJournal.open(journal, job, SearchFingerprint.of(job, "accuracy"), "accuracy"));
        assertTrue(!bad.writeFailed(), bad.getMessage());
    }
}
