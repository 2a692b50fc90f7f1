package org.paraml.svm;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;

/**
 * The chunks of closed whole {@link SharedGram}s, kept for the next search in this JVM: every search
 * allocates its kernel matrices anew (10,000 rows: 400 MB per kernel, in 4 MB chunks), and each new chunk
 * is zeroed by the allocating thread, often in pages the kernel must fault in first, and is a humongous object
 * to G1, whose allocation starts a concurrent marking cycle. A tutorial search allocated ~770 MB of chunks and
 * caused ~48 collector events; on JDK 25, whose G1 gives memory back more readily, two search threads faulting
 * in fresh chunks at once ran the fits that fill the matrices up to 2× slower (RESULTS "Session 21": the
 * tutorial grid at {@code n_jobs = 2} 0.86 → 0.71 s with this pool). A JVM that runs searches one after the
 * other (a benchmark, a tutorial, nested cross-validation, a Spark executor running many search tasks) now
 * fills the previous search's chunks instead. A chunk's old values are never read: a row is read only after it
 * was computed into its chunk.
 *
 * <p>Every pooled chunk holds exactly {@link SharedGram#CHUNK_FLOATS} values; the pool keeps at most
 * {@code maxChunks} of them, all through one soft reference, so the collector clears the whole pool before
 * the program runs short of memory. Thread-safe.
 */
final class GramChunks {
    private final int maxChunks;
    private SoftReference<ArrayDeque<float[]>> idle = new SoftReference<>(null);

    /** @param maxChunks the most chunks kept */
    GramChunks(int maxChunks) {
        this.maxChunks = Math.max(0, maxChunks);
    }

    /**
     * The pool of this JVM: at most a quarter of the maximum heap (the default shared-work budget's ceiling),
     * and at most {@link org.paraml.estimator.SharedWork#DEFAULT_BUDGET_MB} MiB.
     */
    static GramChunks processWide() {
        return ProcessWide.POOL;
    }

    /** Lazily made on first use (the holder idiom). */
    private static final class ProcessWide {
        static final GramChunks POOL = new GramChunks((int) (Math.min(Runtime.getRuntime().maxMemory() / 4,
                (long) org.paraml.estimator.SharedWork.DEFAULT_BUDGET_MB << 20)
                / (SharedGram.CHUNK_FLOATS * Float.BYTES)));
    }

    /** A pooled chunk of {@link SharedGram#CHUNK_FLOATS} values (old values inside), or a new zeroed one. */
    float[] take() {
        synchronized (this) {
            ArrayDeque<float[]> q = idle.get();
            float[] c = q == null ? null : q.pollLast();
            if (c != null) {
                return c;
            }
        }
        return new float[(int) SharedGram.CHUNK_FLOATS];
    }

    /** Keeps {@code chunk} for a later {@link #take} (if it has the pooled length and the pool has room). */
    synchronized void give(float[] chunk) {
        if (chunk == null || chunk.length != SharedGram.CHUNK_FLOATS) {
            return;
        }
        ArrayDeque<float[]> q = idle.get();
        if (q == null) {
            q = new ArrayDeque<>();
            idle = new SoftReference<>(q);
        }
        if (q.size() < maxChunks) {
            q.addLast(chunk);
        }
    }

    /** How many chunks are kept now (0 once the collector has cleared the pool). */
    synchronized int size() {
        ArrayDeque<float[]> q = idle.get();
        return q == null ? 0 : q.size();
    }
}
