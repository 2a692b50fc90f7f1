package org.paraml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.paraml.linalg.Matrix;

/**
 * A sequence of row blocks of known shapes: the out-of-core data that block-wise estimators (KMeans)
 * read pass after pass. Row {@code r} of the whole is row {@code r - firstRow(b)} of the block
 * {@code b} that holds it; blocks never overlap and come in order.
 *
 * <p>Sources: an in-memory matrix cut into views ({@link #of(Matrix, int)}), blocks made by a seeded
 * function ({@link #generated}, {@link TutorialBlobs}), {@code .npy} files read by row ranges
 * ({@link #npy}). {@link #persist} keeps blocks that are expensive to make in memory, or spills them once
 * to a local file when they do not fit.
 *
 * <p><b>Passes.</b> {@link #pass(int)} runs a function on every block with a given number of compute
 * threads plus one prefetch thread, and hands the per-block results to the caller in block order, so
 * reductions are deterministic whatever the thread count. At most {@link #maxAlive(int)} blocks are in
 * memory at once; the bound follows from {@link #maxResidentBytes()}. {@link #iterator()} walks the
 * blocks one by one on the caller's thread, with the next block read ahead.
 *
 * <p>A {@code Blocks} and the copies made by its withers share one source; {@link #close()} on any of
 * them releases it (files, spill files). Not closing an in-memory or generated {@code Blocks} leaks
 * nothing.
 */
public final class Blocks implements AutoCloseable {
    /** Default bound on the bytes of blocks held at once by a pass: 256 MiB. */
    public static final long DEFAULT_MAX_RESIDENT_BYTES = 256L << 20;
    /** Default number of blocks read ahead of the compute threads. */
    public static final int DEFAULT_PREFETCH = 1;

    private static final System.Logger LOG = System.getLogger(Blocks.class.getName());

    /** What every view of one source shares. */
    private static final class Shared {
        final BlockSource source;
        final long[] starts;
        final int maxBlockRows;
        final List<AutoCloseable> onClose = new ArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        private BufferPool pool;

        Shared(BlockSource source) {
            this.source = source;
            int n = source.numBlocks();
            if (n < 0) {
                throw new IllegalArgumentException(source.describe() + ": negative number of blocks " + n);
            }
            if (source.cols() <= 0) {
                throw new IllegalArgumentException(source.describe() + ": blocks must have at least one column, got "
                        + source.cols());
            }
            starts = new long[n + 1];
            int max = 0;
            for (int i = 0; i < n; i++) {
                int r = source.blockRows(i);
                if (r < 0) {
                    throw new IllegalArgumentException(source.describe() + ": block " + i + " has " + r + " rows");
                }
                starts[i + 1] = starts[i] + r;
                max = Math.max(max, r);
            }
            maxBlockRows = max;
            if ((long) max * source.cols() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(source.describe() + ": a block of " + max + " x " + source.cols()
                        + " values exceeds the largest Java array; use fewer rows per block");
            }
        }

        /** Doubles in one of this source's block buffers: its largest block. */
        int bufferLength() {
            return Math.max(1, maxBlockRows * source.cols());
        }

        synchronized BufferPool pool(int capacity) {
            if (pool == null) {
                pool = new BufferPool(bufferLength(), capacity);
            } else {
                pool.ensureCapacity(capacity);
            }
            return pool;
        }

        void checkOpen() {
            if (closed.get()) {
                throw new IllegalStateException("these blocks (" + source.describe() + ") are closed");
            }
        }
    }

    private final Shared shared;
    private final long maxResidentBytes;
    private final int prefetch;

    private Blocks(Shared shared, long maxResidentBytes, int prefetch) {
        this.shared = shared;
        this.maxResidentBytes = maxResidentBytes;
        this.prefetch = prefetch;
    }

    /** Blocks read from {@code source}; closing them closes the source. */
    public static Blocks from(BlockSource source) {
        Objects.requireNonNull(source, "source");
        return new Blocks(new Shared(source), DEFAULT_MAX_RESIDENT_BYTES, DEFAULT_PREFETCH);
    }

    /** {@code x} as one block (a view, not a copy). */
    public static Blocks of(Matrix x) {
        return of(x, Math.max(1, x.rows()));
    }

    /**
     * {@code x} cut into consecutive blocks of {@code blockRows} rows (the last may be shorter); every
     * block is a view of {@code x}, nothing is copied.
     */
    public static Blocks of(Matrix x, int blockRows) {
        Objects.requireNonNull(x, "x");
        return from(new MatrixBlockSource(x, blockRows));
    }

    /**
     * {@code numBlocks} blocks of {@code blockRows × cols}, block i made on demand by
     * {@code generator.generate(i, blockRows, cols, scratch)}: the lazy equivalent of
     * {@code [dask.delayed(f)(random_state=i) for i in range(numBlocks)]}. Every pass makes them again;
     * {@link #persist} them when more than one pass is needed.
     */
    public static Blocks generated(int numBlocks, int blockRows, int cols, BlockGenerator generator) {
        return generated(numBlocks, blockRows, cols, 0, generator, "generated", true);
    }

    /**
     * As {@link #generated(int, int, int, BlockGenerator)} with block i made from seed
     * {@code seedOffset + i}; {@code usesScratch = false} tells that the generator allocates its own
     * matrices (it is then given a null scratch array).
     */
    public static Blocks generated(int numBlocks, int blockRows, int cols, long seedOffset, BlockGenerator generator,
            String name, boolean usesScratch) {
        Objects.requireNonNull(generator, "generator");
        return from(new GeneratedBlockSource(numBlocks, blockRows, cols, seedOffset, generator,
                name == null ? "generated" : name, usesScratch));
    }

    /**
     * A {@code .npy} file (2-D, any numeric dtype, converted to float64), or a folder of them read in
     * name order, cut into blocks of {@code blockRows} rows (a block never spans two files). Rows are read
     * by ranges with positional reads: nothing stays memory-mapped, so reading a file larger than RAM
     * leaves the process's resident memory bounded by the blocks held. Close the blocks to close the files.
     *
     * @throws IOException when a file is missing, unreadable, not a 1-D/2-D C-order array or without
     *                     columns, or when the folder holds no {@code .npy} file; the message names the file
     */
    public static Blocks npy(Path fileOrFolder, int blockRows) throws IOException {
        return from(NpyBlockSource.open(npyFiles(fileOrFolder), blockRows));
    }

    /**
     * The files {@link #npy} reads: the file itself, or the folder's {@code .npy} files in name order.
     *
     * @throws IOException when the folder cannot be listed or holds no {@code .npy} file
     */
    public static List<Path> npyFiles(Path fileOrFolder) throws IOException {
        Objects.requireNonNull(fileOrFolder, "fileOrFolder");
        if (!Files.isDirectory(fileOrFolder)) {
            return List.of(fileOrFolder);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(fileOrFolder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".npy")
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (AccessDeniedException e) {
            throw Npy.permissionDenied(fileOrFolder, e);
        }
        if (files.isEmpty()) {
            throw new NoSuchFileException(fileOrFolder.toString(), null, "the folder holds no .npy file");
        }
        return files;
    }

    /** Number of blocks. */
    public int numBlocks() {
        return shared.starts.length - 1;
    }

    /** Number of columns of every block. */
    public int cols() {
        return shared.source.cols();
    }

    /** Total number of rows. */
    public long rows() {
        return shared.starts[numBlocks()];
    }

    /** Rows of block {@code index}. */
    public int blockRows(int index) {
        Objects.checkIndex(index, numBlocks());
        return (int) (shared.starts[index + 1] - shared.starts[index]);
    }

    /** Global index of the first row of block {@code index}; {@code firstRow(numBlocks())} is {@link #rows()}. */
    public long firstRow(int index) {
        Objects.checkIndex(index, numBlocks() + 1);
        return shared.starts[index];
    }

    /** The largest number of rows of one block. */
    public int maxBlockRows() {
        return shared.maxBlockRows;
    }

    /** The block that holds global row {@code row}. */
    public int blockOf(long row) {
        Objects.checkIndex(row, rows());
        long[] s = shared.starts;
        int lo = 0;
        int hi = s.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Bytes of all the data as float64: {@code rows() × cols() × 8}. */
    public long bytes() {
        return rows() * cols() * Double.BYTES;
    }

    /** True when every block is already in memory (reading is free). */
    public boolean inMemory() {
        return shared.source.inMemory();
    }

    /** The source, for its description and capabilities. */
    public BlockSource source() {
        return shared.source;
    }

    /** Bound on the bytes of blocks a pass or iterator holds at once. */
    public long maxResidentBytes() {
        return maxResidentBytes;
    }

    /** Number of blocks read ahead of the compute threads. */
    public int prefetch() {
        return prefetch;
    }

    /** The same blocks with another bound on resident block bytes (at least one block is always held). */
    public Blocks withMaxResidentBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxResidentBytes must be > 0, got " + bytes);
        }
        return new Blocks(shared, bytes, prefetch);
    }

    /** The same blocks read {@code blocks} ahead (0: no prefetch thread). */
    public Blocks withPrefetch(int blocks) {
        if (blocks < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + blocks);
        }
        return new Blocks(shared, maxResidentBytes, blocks);
    }

    /**
     * The most blocks a pass with {@code threads} compute threads holds at once (loaded, computed, or
     * waiting for an earlier block's result): {@code threads + prefetch()} bounded by
     * {@code maxResidentBytes() / (maxBlockRows() × cols() × 8)}, and at least 1. In-memory blocks cost
     * nothing to hold; for them it only bounds results waiting to be consumed.
     */
    public int maxAlive(int threads) {
        if (inMemory()) {
            return 2 * threads + 1;
        }
        long perBlock = Math.max(1L, (long) maxBlockRows() * cols() * Double.BYTES);
        long fit = Math.max(1L, maxResidentBytes / perBlock);
        return (int) Math.min(fit, threads + (long) prefetch);
    }

    /** A pass over every block with {@code threads} compute threads (plus a prefetch thread). */
    public BlockPass pass(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        return new BlockPass(this, threads, null, BlockProgress.NONE, "pass");
    }

    /** Walks the blocks in order on the caller's thread, reading the next ones ahead. Close it after use. */
    public BlockIterator iterator() {
        shared.checkOpen();
        return new BlockIterator(this);
    }

    /** Runs one pipeline (called by {@link BlockPass}). */
    <R> void run(int threads, int[] order, BlockFunction<R> fn, BlockResultConsumer<R> consumer,
            BlockProgress progress, String phase) {
        shared.checkOpen();
        int alive = maxAlive(threads);
        BufferPool pool = shared.source.usesScratch() ? shared.pool(alive) : null;
        new BlockPipeline<>(shared.source, shared.starts, order, threads, prefetch, alive, pool == null
                ? new BufferPool(0, 0) : pool, fn, consumer, progress, phase).run();
    }

    /** The buffer pool of this source sized for {@code capacity} idle buffers (for the iterator). */
    BufferPool pool(int capacity) {
        return shared.pool(capacity);
    }

    /**
     * The rows at the given global indices (in that order, repeats allowed) as a new compact matrix.
     * Reads only those rows where the source allows it ({@link BlockSource#randomAccess()}), else the
     * blocks that hold them, with {@code threads} threads.
     */
    public Matrix gatherRows(long[] globalRows, int threads) {
        shared.checkOpen();
        return RowGather.gather(this, globalRows, threads);
    }

    /**
     * Keeps these blocks where later passes read them cheaply: as they are when already in memory; in
     * memory when {@link #bytes()} fits {@code memoryBudgetBytes}; otherwise written once to one
     * {@code .npy} spill file in a new temporary folder under {@code spillDir} (null: {@code java.io.tmpdir})
     * and read back by row ranges. Block boundaries are kept, so results computed on the persisted blocks
     * equal those computed on these. The spill file and its folder are removed when the returned blocks
     * are closed, and at once if writing fails. The returned blocks are independent of these: close both.
     *
     * @param threads  compute threads used to read or make the blocks while they are written
     * @param progress told of each block persisted (phase "persist")
     */
    public Blocks persist(long memoryBudgetBytes, int threads, Path spillDir, BlockProgress progress) {
        shared.checkOpen();
        if (inMemory()) {
            return this;
        }
        BlockProgress p = progress == null ? BlockProgress.NONE : progress;
        if (bytes() <= memoryBudgetBytes) {
            List<Matrix> kept = new ArrayList<>(numBlocks());
            boolean copy = shared.source.usesScratch();
            pass(threads).progress("persist", p).run(b -> copy ? b.rows().copy() : b.rows().compact(),
                    (i, m) -> kept.add(m));
            LOG.log(System.Logger.Level.DEBUG, () -> "persisted " + shared.source.describe() + " in memory ("
                    + bytes() + " bytes)");
            return new Blocks(new Shared(new ListBlockSource(kept, cols())), maxResidentBytes, prefetch);
        }
        return SpillFile.persist(this, threads, spillDir, p);
    }

    /** {@link #persist(long, int, Path, BlockProgress)} in {@code java.io.tmpdir}, without progress. */
    public Blocks persist(long memoryBudgetBytes, int threads) {
        return persist(memoryBudgetBytes, threads, null, BlockProgress.NONE);
    }

    /**
     * Blocks over a spill file that own it: closing them deletes it. They read into {@code spilled}'s idle block
     * buffers, which have their shape: arrays that the writing pass has already touched, where new ones would be
     * fresh memory for the first pass to fault in (tens of megabytes, bench/RESULTS.md, session 33).
     */
    static Blocks owning(BlockSource source, AutoCloseable cleanup, long maxResidentBytes, int prefetch,
                         Blocks spilled) {
        Shared s = new Shared(source);
        s.onClose.add(cleanup);
        BufferPool buffers;
        synchronized (spilled.shared) {
            buffers = spilled.shared.pool;
        }
        if (buffers != null && buffers.length() == s.bufferLength()) {
            synchronized (s) {
                s.pool = buffers;
            }
        }
        return new Blocks(s, maxResidentBytes, prefetch);
    }

    /** Releases the source (closing files, deleting spill files); idempotent. */
    @Override
    public void close() {
        if (!shared.closed.compareAndSet(false, true)) {
            return;
        }
        Throwable failure = null;
        try {
            shared.source.close();
        } catch (Throwable t) {
            failure = t;
        }
        for (AutoCloseable c : shared.onClose) {
            try {
                c.close();
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
        }
        synchronized (shared) {
            if (shared.pool != null) {
                shared.pool.clear();
            }
        }
        if (failure instanceof IOException io) {
            throw new UncheckedIOException(io);
        }
        if (failure != null) {
            BlockPipeline.rethrow(failure);
        }
    }

    @Override
    public String toString() {
        return "Blocks[" + shared.source.describe() + ", " + rows() + " x " + cols() + "]";
    }
}
