package org.paraml.svm;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.paraml.backend.Backend;
import org.paraml.backend.KernelSpec;
import org.paraml.backend.PreparedMatrix;
import org.paraml.estimator.SharedWork;
import org.paraml.linalg.Matrix;

/**
 * One kernel's values over the whole data set of a search, shared by every fit that uses that
 * kernel (every C, every fold, the probability calibration's folds): rows
 * {@code G[p] = (float) K(x_p, x_q)} for {@code q < n} in the scope's row layout
 * ({@link SharedWork#layout()}; {@link #position(int)} maps data rows), each computed at most once while it is
 * held, by {@link Backend#kernelRows} over the whole prepared data, so every value is the very
 * float32 number the fit would compute over its own rows (kernel values are computed per
 * element, independently of the other rows of a call).
 *
 * <p><b>Memory.</b> When the whole {@code n × n} matrix fits the {@link SharedWork} budget it is
 * reserved at once and rows are kept until the scope closes ({@link #wholeMatrix()}), stored in
 * chunks of about 4 MB allocated as their first row is computed (large arrays go straight to the
 * old generation: the collector does not copy a long-lived matrix row by row); otherwise
 * at most {@link #capacityRows()} rows are kept, the least recently used (by the CLOCK rule)
 * making room for new ones, within the reservation. A reader keeps using a row it holds after it
 * is evicted (rows are immutable once published).
 *
 * <p><b>Chunks outlive the search.</b> A whole matrix takes its full-size chunks from the JVM's
 * {@link GramChunks} pool and, when it closes with no reader inside, hands them back for the next search:
 * a new chunk is a humongous object whose pages the allocating thread faults in and zeroes, and on JDK 25
 * two search threads doing that at once ran their fits up to 2× slower (RESULTS "Session 21"). So a fit or
 * scoring that reads rows holds the matrix between {@link #enter()} and {@link #leave()}: rows it got stay
 * valid until then, also after {@link #close()}; a matrix closed while a reader is inside leaves its chunks
 * to the collector.
 *
 * <p><b>Threads.</b> Any number of fits read at once. A missing row is claimed by one thread and
 * computed, the others wait for it; a thread computes all the rows it claimed before it waits for
 * rows other threads claimed, so no thread waits on a waiting thread. After {@link #close()} rows
 * are computed for the caller and not kept.
 */
final class SharedGram implements AutoCloseable {
    /** Rows computed together in one backend call. */
    static final int BATCH_ROWS = 64;
    /**
     * Floats per chunk of the whole matrix: 256 bytes short of 4 MiB, so that a full chunk with its array header
     * fills two of G1's 2 MiB regions (one of 4 MiB, …) instead of spilling 16 bytes into a third.
     */
    static final long CHUNK_FLOATS = (1 << 20) - 64;
    /** Fewer rows than this make a bounded cache pointless: share nothing then. */
    static final int MIN_ROWS = 64;

    private static final float[] PENDING = new float[0];

    private final SharedWork work;
    private final Backend backend;
    private final KernelSpec spec;
    private final PreparedMatrix prepared;
    private final int n;
    /** Layout position of each data row (rows and columns of the matrix are stored in layout order), or null. */
    private final int[] position;
    private final double[] diagonal;
    /** Per row: null (absent), PENDING, or the array holding it (the row itself, or its chunk when whole). */
    private final AtomicReferenceArray<float[]> rows;
    /** Whole mode: rows per chunk, and the chunks (allocated on first use). */
    private final int chunkRows;
    private final AtomicReferenceArray<float[]> chunks;
    private final boolean whole;
    private final int capacityRows;
    private final long reservedBytes;
    /** CLOCK state of the bounded mode: resident rows in a ring, and their "used lately" marks. */
    private final int[] ring;
    private final byte[] used;
    private int ringSize;
    private int hand;
    private volatile boolean closed;
    private final AtomicLong computedRows = new AtomicLong();
    /** Readers inside {@link #enter()} … {@link #leave()}: the chunks are recycled on close only when none is. */
    private final AtomicInteger readers = new AtomicInteger();
    private final GramChunks chunkPool;

    private SharedGram(SharedWork work, Backend backend, KernelSpec spec, boolean whole, int capacityRows,
                       long reservedBytes, GramChunks chunkPool) {
        this.work = work;
        this.chunkPool = chunkPool;
        this.backend = backend;
        this.spec = spec;
        Matrix x = work.data();
        int[] layout = work.layout();
        this.prepared = backend.prepare(layout == null ? x : x.selectRows(layout));
        this.n = x.rows();
        if (layout == null) {
            this.position = null;
        } else {
            this.position = new int[n];
            for (int p = 0; p < n; p++) {
                position[layout[p]] = p;
            }
        }
        this.diagonal = new double[n];
        double[] norms = prepared.squaredNorms();
        for (int p = 0; p < n; p++) {
            diagonal[p] = BackendKernelSource.diagonal(spec, norms[p]);
        }
        this.rows = new AtomicReferenceArray<>(n);
        this.chunkRows = (int) Math.max(1, Math.min(n, CHUNK_FLOATS / Math.max(1, n)));
        this.chunks = whole ? new AtomicReferenceArray<>((n + chunkRows - 1) / chunkRows) : null;
        this.whole = whole;
        this.capacityRows = capacityRows;
        this.reservedBytes = reservedBytes;
        this.ring = whole ? null : new int[capacityRows];
        this.used = whole ? null : new byte[n];
    }

    /**
     * The shared matrix of {@code spec} on {@code backend} over {@code work}'s data: made on first
     * request, then the same object for every fit. Null when the budget cannot hold even
     * {@link #MIN_ROWS} rows (or the scope is closed).
     */
    static SharedGram of(SharedWork work, Backend backend, KernelSpec spec) {
        Key key = new Key(backend, canonical(spec));
        return work.resource(key, w -> create(w, backend, key.spec()));
    }

    private static SharedGram create(SharedWork work, Backend backend, KernelSpec spec) {
        long n = work.data().rows();
        long rowBytes = n * Float.BYTES + 16;
        if (n == 0) {
            return null;
        }
        if (work.tryReserve(n * rowBytes)) {
            return new SharedGram(work, backend, spec, true, (int) n, n * rowBytes, GramChunks.processWide());
        }
        // a bounded row cache in at most half of what is left, so that another kernel still finds room
        long rowsFit = Math.min(n, work.availableBytes() / 2 / rowBytes);
        if (rowsFit < MIN_ROWS || !work.tryReserve(rowsFit * rowBytes)) {
            return null;
        }
        return new SharedGram(work, backend, spec, false, (int) rowsFit, rowsFit * rowBytes, null);
    }

    /** The kernel with the parameters it does not use set to fixed values, so that equal kernels share. */
    static KernelSpec canonical(KernelSpec s) {
        return switch (s.type()) {
            case LINEAR -> KernelSpec.linear();
            case RBF -> KernelSpec.rbf(s.gamma());
            case SIGMOID -> KernelSpec.sigmoid(s.gamma(), s.coef0());
            case POLY -> s;
        };
    }

    /** What one shared matrix is for: a backend (its values) and a kernel with its resolved parameters. */
    record Key(Backend backend, KernelSpec spec) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.backend == backend && k.spec.equals(spec);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(backend) * 31 + spec.hashCode();
        }
    }

    /**
     * A fit or scoring starts reading this matrix: the rows {@link #rows} gives it stay valid until its
     * {@link #leave()}, even if the matrix is closed meanwhile. Every reader of rows must enter first.
     */
    void enter() {
        readers.incrementAndGet();
    }

    /** The reader that {@link #enter()}ed is done with every row it got. */
    void leave() {
        readers.decrementAndGet();
    }

    /** The number of points n (rows of the search's data). */
    int size() {
        return n;
    }

    /** True when the whole matrix is kept (it fit the budget); false for the bounded row cache. */
    boolean wholeMatrix() {
        return whole;
    }

    /** The most rows kept at once. */
    int capacityRows() {
        return capacityRows;
    }

    /** How many rows were computed so far (a row evicted and asked for again counts twice). */
    long computedRows() {
        return computedRows.get();
    }

    /**
     * The position in this matrix of data row {@code row}: rows and columns are stored in the
     * scope's layout order, so row {@code row} of the data is matrix row {@code position(row)}, and
     * its value against data row {@code other} is at column {@code position(other)}.
     */
    int position(int row) {
        return position == null ? row : position[row];
    }

    /** {@code K(x, x)} in float64 for the point at matrix position {@code p}, as the unshared fit computes it. */
    double diagonal(int p) {
        return diagonal[p];
    }

    /** The backend and kernel this matrix is computed with. */
    KernelSpec spec() {
        return spec;
    }

    /**
     * Rows {@code idx[0 .. count)} (matrix positions) of the matrix, computing the missing ones (in batches of
     * {@link #BATCH_ROWS}, with up to {@code threads} threads) and waiting for those another
     * thread is computing: row {@code idx[r]} is {@code result[r][offsets[r] + j]} for j &lt; n.
     * The arrays must not be modified.
     */
    float[][] rows(int[] idx, int count, int threads, int[] offsets) {
        float[][] out = new float[count][];
        int[] mine = new int[count];
        int[] mineAt = new int[count];
        int missing = count;
        while (missing > 0) {
            int m = 0;
            int waiting = 0;
            for (int r = 0; r < count; r++) {
                if (out[r] != null) {
                    continue;
                }
                int i = idx[r];
                float[] v = rows.get(i);
                if (v != null && v != PENDING) {
                    out[r] = v;
                    offsets[r] = offset(i);
                    missing--;
                    if (!whole) {
                        used[i] = 1;
                    }
                } else if (v == null && (closed || rows.compareAndSet(i, null, PENDING))) {
                    mine[m] = i;
                    mineAt[m] = r;
                    m++;
                } else {
                    waiting++;
                }
            }
            if (m > 0) {
                compute(mine, mineAt, m, out, offsets, threads);
                missing -= m;
            }
            if (waiting > 0 && m == 0) {
                awaitChange(idx, out, count);
            }
        }
        return out;
    }

    /** Where row i starts in the array that holds it. */
    private int offset(int i) {
        return whole ? (i % chunkRows) * n : 0;
    }

    /**
     * The chunk that holds row i (whole mode), allocated on first use. Allocated outside any lock: a new chunk is
     * a humongous object that the allocating thread zeroes (and may wait for a collection for), and the fits of
     * a search's folds fill different chunks at once. A chunk at least half the full size comes from the pool
     * (full size); smaller ones are allocated to size. Two threads that race for the same chunk both take one,
     * and the loser's goes back to the pool.
     */
    private float[] chunk(int i) {
        int c = i / chunkRows;
        float[] ch = chunks.get(c);
        if (ch != null) {
            return ch;
        }
        int rowsIn = Math.min(chunkRows, n - c * chunkRows);
        boolean pooled = 2L * rowsIn * n >= CHUNK_FLOATS && (long) rowsIn * n <= CHUNK_FLOATS;
        float[] fresh = pooled ? chunkPool.take() : new float[rowsIn * n];
        // loops only if close() empties the slot between another thread's store and our read
        while (!chunks.compareAndSet(c, null, fresh)) {
            ch = chunks.get(c);
            if (ch != null) {
                chunkPool.give(fresh);
                return ch;
            }
        }
        return fresh;
    }

    /** Computes the claimed rows, publishes them (or releases the claims if that fails). */
    private void compute(int[] mine, int[] mineAt, int m, float[][] out, int[] offsets, int threads) {
        int done = 0;
        float[] buffer = null;
        try {
            int needed = Math.min(m, BATCH_ROWS) * n;
            // the kernel-row buffer (up to BATCH_ROWS rows) comes from and goes back to the JVM's scratch pool:
            // a search computes tens of thousands of rows through a few of them, in every search
            buffer = ScratchArrays.takeFloats(needed);
            for (int from = 0; from < m; from += BATCH_ROWS) {
                int b = Math.min(BATCH_ROWS, m - from);
                int[] batch = Arrays.copyOfRange(mine, from, from + b);
                backend.kernelRows(spec, prepared, batch, n, buffer, 0, n, threads);
                for (int k = 0; k < b; k++) {
                    int i = batch[k];
                    float[] holder;
                    if (whole && !closed) {
                        holder = chunk(i);
                        System.arraycopy(buffer, k * n, holder, offset(i), n);
                        offsets[mineAt[from + k]] = offset(i);
                    } else {
                        holder = Arrays.copyOfRange(buffer, k * n, (k + 1) * n);
                        offsets[mineAt[from + k]] = 0;
                    }
                    out[mineAt[from + k]] = holder;
                    publish(i, holder);
                    done++;
                }
                computedRows.addAndGet(b);
            }
        } finally {
            ScratchArrays.give(buffer);
            if (done < m) {
                for (int k = done; k < m; k++) {
                    rows.compareAndSet(mine[k], PENDING, null);
                }
                signal();
            }
        }
    }

    private void publish(int i, float[] row) {
        if (closed) {
            rows.compareAndSet(i, PENDING, null);
        } else if (whole) {
            rows.set(i, row); // the chunk: its data for row i is written before this volatile store
        } else {
            synchronized (this) {
                if (ringSize == capacityRows) {
                    evictOne();
                }
                if (ringSize < capacityRows && !closed) {
                    ring[ringSize++] = i;
                    used[i] = 1;
                    rows.set(i, row);
                } else {
                    rows.compareAndSet(i, PENDING, null);
                }
            }
        }
        signal();
    }

    /** CLOCK: the first resident row not used since the hand last passed it leaves. Holds the lock. */
    private void evictOne() {
        while (true) {
            if (hand >= ringSize) {
                hand = 0;
            }
            int i = ring[hand];
            if (used[i] != 0) {
                used[i] = 0;
                hand++;
            } else {
                rows.set(i, null);
                ring[hand] = ring[--ringSize];
                return;
            }
        }
    }

    private synchronized void signal() {
        notifyAll();
    }

    /** Waits until one of the rows still missing from {@code out} is no longer being computed by another thread. */
    private synchronized void awaitChange(int[] idx, float[][] out, int count) {
        for (int r = 0; r < count; r++) {
            if (out[r] == null && rows.get(idx[r]) != PENDING) {
                return;
            }
        }
        try {
            wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting for a shared kernel row");
        }
    }

    /** The rows currently held (for tests). */
    int residentRows() {
        int c = 0;
        for (int i = 0; i < n; i++) {
            float[] v = rows.get(i);
            if (v != null && v != PENDING) {
                c++;
            }
        }
        return c;
    }

    /**
     * Drops every row and gives the reservation back; a whole matrix with no reader inside hands its chunks to
     * the pool. Idempotent.
     */
    @Override
    public void close() {
        float[][] held = null;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < n; i++) {
                rows.set(i, null);
            }
            if (chunks != null) {
                held = new float[chunks.length()][];
                for (int c = 0; c < chunks.length(); c++) {
                    held[c] = chunks.getAndSet(c, null);
                }
            }
            ringSize = 0;
            notifyAll();
        }
        // rows were cleared before readers is read: a reader that enters later finds no chunk, and one inside
        // now keeps the chunks out of the pool
        if (held != null && readers.get() == 0) {
            for (float[] ch : held) {
                chunkPool.give(ch);
            }
        }
        work.release(reservedBytes);
    }

    @Override
    public String toString() {
        return "SharedGram[" + spec + ", " + n + " rows, " + (whole ? "whole matrix" : capacityRows + " rows cached")
                + ", " + Objects.requireNonNullElse(backend.name(), "?") + "]";
    }
}
