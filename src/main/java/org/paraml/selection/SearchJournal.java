package org.paraml.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The journal of a search: a JSON-lines file where every finished (candidate, fold) result is
 * appended and flushed to the operating system as soon as it is known, so that a search that dies
 * (a crash, a kill, a power cut after the OS wrote the page) loses no finished fit.
 *
 * <p>Line 1 is a header with the search's {@link SearchFingerprint} (and, for people, the
 * estimator, sizes and scoring); each further line is one {@link TaskResult}. Opening an existing
 * journal reads the results back; a journal whose fingerprint differs is refused, naming the
 * parts that differ. A last line without its newline (a write cut short) is ignored and
 * overwritten; any other unreadable line is an error. A file without any newline is started afresh
 * only if it is empty or begins as a header does; another file is refused, never overwritten. The
 * file is locked while open, so two searches cannot write one journal.
 *
 * <p>The file is read and written with {@link RandomAccessFile}'s own methods, not through its
 * {@link FileChannel} (used only for the lock): a channel is interruptible, so a write by a worker that a
 * cancel has just interrupted (its fit and scoring ended, its result is being appended) would close it for
 * every worker and lose that result and those finishing beside it.
 */
final class SearchJournal implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FORMAT = "paraml-search-journal";
    /** How every header line starts (Jackson writes the fields in the order they are put). */
    private static final String HEADER_START = "{\"format\":\"" + FORMAT + "\"";

    private final Path file;
    private final RandomAccessFile out;
    private final FileLock lock;
    private final List<TaskResult> previous;

    private SearchJournal(Path file, RandomAccessFile out, FileLock lock, List<TaskResult> previous) {
        this.file = file;
        this.out = out;
        this.lock = lock;
        this.previous = previous;
    }

    /**
     * Opens (or creates) the journal of the search described by {@code job} and {@code fingerprint}.
     *
     * @throws SearchJournalException if the file belongs to another search, is corrupt or is in use
     */
    static SearchJournal open(Path file, SearchJob job, SearchFingerprint fingerprint, String scoring) {
        RandomAccessFile raf = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            raf = new RandomAccessFile(file.toFile(), "rw");
            FileLock lock;
            try {
                lock = raf.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new SearchJournalException(file, "is in use by another search (it is locked); wait for it to end "
                        + "or use another journal file", null);
            }
            byte[] bytes = new byte[(int) raf.length()];
            raf.readFully(bytes);
            int end = lastNewline(bytes) + 1; // bytes after the last newline are a torn write
            List<TaskResult> results = new ArrayList<>();
            if (end == 0) {
                checkTornHeader(file, bytes);
                raf.setLength(0);
                raf.seek(0);
                write(raf, header(job, fingerprint, scoring));
            } else {
                String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
                String[] lines = text.split("\n", -1);
                checkHeader(file, lines[0], fingerprint);
                for (int i = 1; i < lines.length - 1; i++) {
                    if (!lines[i].isBlank()) {
                        results.add(parse(file, i + 1, lines[i], job));
                    }
                }
                if (end < bytes.length) {
                    raf.setLength(end);
                }
                raf.seek(end);
            }
            return new SearchJournal(file, raf, lock, List.copyOf(results));
        } catch (IOException e) {
            closeQuietly(raf);
            throw new SearchJournalException(file, "cannot be read or written: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(raf);
            throw e;
        }
    }

    /** The results found in the journal when it was opened (each task at most once, first wins). */
    List<TaskResult> previous() {
        return previous;
    }

    Path file() {
        return file;
    }

    /** Appends one result and flushes it to the operating system. Thread-safe, and also on an interrupted thread. */
    synchronized void append(TaskResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("candidate", r.candidate());
        n.put("fold", r.fold());
        putDouble(n, "test_score", r.testScore());
        putDouble(n, "train_score", r.trainScore());
        putDouble(n, "fit_time", r.fitTime());
        putDouble(n, "score_time", r.scoreTime());
        n.put("n_test_samples", r.nTestSamples());
        n.put("fit_error", r.fitError());
        n.put("score_error", r.scoreError());
        try {
            write(out, n.toString());
        } catch (IOException e) {
            throw new SearchJournalException(file, "cannot append a result: " + e, e, true);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            out.close();
        } catch (IOException e) {
            throw new SearchJournalException(file, "cannot be closed: " + e, e, true);
        }
    }

    private static String header(SearchJob job, SearchFingerprint fp, String scoring) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", 1);
        n.put("fingerprint", fp.digest());
        ObjectNode parts = n.putObject("parts");
        new java.util.TreeMap<>(fp.parts()).forEach(parts::put);
        n.put("estimator", job.estimator().getClass().getName());
        n.put("n_candidates", job.nCandidates());
        n.put("n_splits", job.nSplits());
        n.put("n_samples", job.x().rows());
        n.put("scoring", scoring);
        return n.toString();
    }

    /**
     * A file without a newline holds no result: it is empty, or a header whose write was cut short
     * (which starts as every header does, {@value #HEADER_START}); anything else is some other file,
     * refused rather than overwritten.
     */
    private static void checkTornHeader(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int n = Math.min(text.length(), HEADER_START.length());
        if (!text.regionMatches(0, HEADER_START, 0, n)) {
            throw new SearchJournalException(file, "is not a ParaML search journal (it has no line ending in a newline and "
                    + "does not start with " + HEADER_START + "); it is left as it is: name a new file or an "
                    + "existing journal", null);
        }
    }

    private static void checkHeader(Path file, String line, SearchFingerprint fp) {
        JsonNode h;
        try {
            h = MAPPER.readTree(line);
        } catch (IOException e) {
            throw new SearchJournalException(file, "its first line is not a search journal header", e);
        }
        if (h == null || !FORMAT.equals(h.path("format").asText())) {
            throw new SearchJournalException(file, "is not a ParaML search journal (its first line has no \"format\": \""
                    + FORMAT + "\")", null);
        }
        if (h.path("version").asInt() != 1) {
            throw new SearchJournalException(file, "has journal version " + h.path("version") + "; this build reads version 1",
                    null);
        }
        if (!fp.digest().equals(h.path("fingerprint").asText())) {
            TreeSet<String> differ = new TreeSet<>();
            for (Map.Entry<String, String> e : fp.parts().entrySet()) {
                if (!e.getValue().equals(h.path("parts").path(e.getKey()).asText())) {
                    differ.add(e.getKey());
                }
            }
            throw new SearchJournalException(file, "was written by a different search (it differs in: "
                    + String.join(", ", differ) + "; it holds " + h.path("n_candidates") + " candidates × "
                    + h.path("n_splits") + " splits of " + h.path("estimator").asText() + " on "
                    + h.path("n_samples") + " samples); resume with the same estimator, grid, cv, scoring and data, "
                    + "or use a new journal file", null);
        }
    }

    private static TaskResult parse(Path file, int lineNumber, String line, SearchJob job) {
        try {
            JsonNode n = MAPPER.readTree(line);
            int c = n.get("candidate").asInt();
            int f = n.get("fold").asInt();
            if (c < 0 || c >= job.nCandidates() || f < 0 || f >= job.nSplits()) {
                throw new IllegalArgumentException("task (" + c + ", " + f + ") is outside the search");
            }
            return new TaskResult(c, f, getDouble(n, "test_score"), getDouble(n, "train_score"),
                    getDouble(n, "fit_time"), getDouble(n, "score_time"), n.get("n_test_samples").asInt(),
                    text(n, "fit_error"), text(n, "score_error"));
        } catch (IOException | RuntimeException e) {
            throw new SearchJournalException(file, "line " + lineNumber + " is not a task result: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Finite doubles as JSON numbers (exact round trip); NaN and infinities as strings. */
    private static void putDouble(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.put(field, Double.toString(v));
        }
    }

    private static double getDouble(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
    }

    private static void write(RandomAccessFile out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void closeQuietly(RandomAccessFile raf) {
        if (raf != null) {
            try {
                raf.close();
            } catch (IOException ignored) {
                // the original error matters more
            }
        }
    }
}
