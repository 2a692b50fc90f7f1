package org.paraml.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import org.paraml.linalg.Matrix;

/**
 * Writes a {@code .npy} file of known shape in pieces, for outputs too large to hold at once (the
 * labels of 100 million rows, a matrix produced block by block): the header is written first, then the
 * values in C (row-major) order, appended call after call.
 *
 * <p>The file appears only when it is complete: everything goes to a temporary file in the same folder
 * ({@code .NAME.RANDOM.tmp}), which {@link #close()} forces to disk and renames onto {@code file}
 * (replacing any file there) once exactly the promised number of values has been written. A writer
 * closed early, after any write call that threw, or {@link #abort() aborted} deletes its temporary file and leaves
 * {@code file} as it was. Use it in try-with-resources:
 *
 * <pre>{@code
 * try (NpyWriter w = NpyWriter.int64(Path.of("labels.npy"), n)) {
 *     for (...) w.writeInts(blockLabels);
 * }
 * }</pre>
 *
 * <p>Files are written as numpy's {@code np.save} writes them (format version 1.0, little-endian,
 * the same header bytes), so {@code np.load} reads them. Not thread-safe: one thread writes.
 */
public final class NpyWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final NpyDtype dtype;
    private final long[] shape;
    private final long expected;
    private final AtomicFile out;
    private final ByteBuffer buffer;
    private long written;
    private boolean failed;
    private boolean finished;
    /** Bytes of the header: where the data of a positional write start. */
    private final int headerBytes;
    /** True once {@link #writeRowsAt} was used: the file is then written by position only. */
    private boolean positional;
    /** Chunk size of a positional write (small enough not to be a humongous array for G1). */
    private static final int POSITIONAL_CHUNK_BYTES = 1 << 18;

    private NpyWriter(Path file, NpyDtype dtype, long[] shape) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(file + ": shape " + NpyHeader.shapeString(shape)
                        + " has a negative dimension; dimensions must be >= 0");
            }
        }
        this.dtype = dtype;
        this.shape = shape;
        this.expected = shape.length == 1 ? shape[0] : Math.multiplyExact(shape[0], shape[1]);
        byte[] header = NpyHeader.encode(dtype, shape);
        this.headerBytes = header.length;
        this.out = AtomicFile.create(file);
        ByteBuffer b = null;
        try {
            long dataBytes = Math.min(expected, BUFFER_BYTES) * dtype.itemSize();
            b = ByteBuffer.allocateDirect((int) Math.min(BUFFER_BYTES, header.length + dataBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            b.put(header);
        } catch (RuntimeException | Error e) {
            out.discard();
            throw e;
        }
        this.buffer = b;
    }

    /** A writer of a 2-D float64 ({@code <f8}) file of shape {@code (rows, cols)}. */
    public static NpyWriter float64(Path file, long rows, int cols) throws IOException {
        return new NpyWriter(file, NpyDtype.FLOAT64, new long[] {rows, cols});
    }

    /** A writer of a 1-D float64 ({@code <f8}) file of shape {@code (length,)}. */
    public static NpyWriter float64(Path file, long length) throws IOException {
        return new NpyWriter(file, NpyDtype.FLOAT64, new long[] {length});
    }

    /**
     * A writer of a 1-D int64 ({@code <i8}) file of shape {@code (length,)}: labels as numpy's default
     * integer type stores them ({@code np.load} gives {@code dtype('int64')}, as for
     * {@code make_classification}'s {@code y}).
     */
    public static NpyWriter int64(Path file, long length) throws IOException {
        return new NpyWriter(file, NpyDtype.INT64, new long[] {length});
    }

    /** The file that {@link #close()} publishes. */
    public Path file() {
        return file;
    }

    /** Values written so far (elements, not rows). */
    public long written() {
        return written;
    }

    /** Values the header promises: the product of the shape. */
    public long expected() {
        return expected;
    }

    /**
     * Appends the rows of {@code block} (any matrix or view) to a 2-D float64 file.
     *
     * @throws IllegalArgumentException when {@code block.cols()} is not the file's column count
     * @throws IllegalStateException    when this is not a 2-D float64 writer, or the rows would exceed
     *                                  the shape
     */
    public void writeRows(Matrix block) throws IOException {
        Objects.requireNonNull(block, "block");
        try {
            if (shape.length != 2 || dtype != NpyDtype.FLOAT64) {
                throw new IllegalStateException(file + ": writeRows needs a 2-D float64 writer, this one writes "
                        + dtype.descr() + " of shape " + NpyHeader.shapeString(shape));
            }
            if (block.cols() != shape[1]) {
                throw new IllegalArgumentException(file + ": the block has " + block.cols()
                        + " columns, the file has " + shape[1]);
            }
            reserve((long) block.rows() * block.cols());
            if (block.isContiguous()) {
                putDoubles(block.data(), block.offset(0), block.rows() * block.cols());
            } else {
                for (int i = 0; i < block.rows(); i++) {
                    putDoubles(block.data(), block.offset(i), block.cols());
                }
            }
        } catch (IOException | RuntimeException e) {
            failed = true; // close() discards the file
            throw e;
        }
    }

    /**
     * Writes the rows of {@code block} as rows {@code [firstRow, firstRow + block.rows())} of a 2-D float64
     * file, by position: callable from several threads at once and in any order, each row written once.
     * A writer used this way cannot also append ({@link #writeRows}, {@link #writeDoubles}, ...). It lets a
     * pass over blocks write each block from the thread that has it, with no copy kept for an in-order
     * writer. {@link #close()} publishes the file once every row was written.
     *
     * @throws IllegalArgumentException when the columns differ or the rows fall outside the shape
     * @throws IllegalStateException    when this is not a 2-D float64 writer, or it was used to append
     */
    public void writeRowsAt(long firstRow, Matrix block) throws IOException {
        Objects.requireNonNull(block, "block");
        synchronized (this) {
            try {
                if (shape.length != 2 || dtype != NpyDtype.FLOAT64) {
                    throw new IllegalStateException(file + ": writeRowsAt needs a 2-D float64 writer, this one writes "
                            + dtype.descr() + " of shape " + NpyHeader.shapeString(shape));
                }
                if (block.cols() != shape[1] || firstRow < 0 || firstRow + block.rows() > shape[0]) {
                    throw new IllegalArgumentException(file + ": rows [" + firstRow + ", " + (firstRow + block.rows())
                            + ") x " + block.cols() + " columns do not fit shape " + NpyHeader.shapeString(shape));
                }
                if (!positional && written > 0) {
                    throw new IllegalStateException(file + ": writeRowsAt cannot follow appended values");
                }
                positional = true;
                reserve((long) block.rows() * block.cols());
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }
        try {
            ByteBuffer chunk = ByteBuffer.allocate(POSITIONAL_CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long position = headerBytes + firstRow * shape[1] * Double.BYTES;
            for (int i = 0; i < block.rows(); i++) {
                int at = block.offset(i);
                for (int done = 0; done < block.cols(); ) {
                    int k = Math.min(block.cols() - done, chunk.remaining() / Double.BYTES);
                    chunk.asDoubleBuffer().put(block.data(), at + done, k);
                    chunk.position(chunk.position() + k * Double.BYTES);
                    done += k;
                    if (chunk.remaining() < Double.BYTES) {
                        position = writeAt(chunk, position);
                    }
                }
            }
            writeAt(chunk, position);
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                failed = true; // close() discards the file
            }
            throw e;
        }
    }

    /** Writes what {@code chunk} holds at {@code position}; returns the position after it. */
    private long writeAt(ByteBuffer chunk, long position) throws IOException {
        chunk.flip();
        while (chunk.hasRemaining()) {
            position += out.channel().write(chunk, position);
        }
        chunk.clear();
        return position;
    }

    /** Appends all of {@code values} to a float64 file (flat, row-major for a 2-D file). */
    public void writeDoubles(double[] values) throws IOException {
        writeDoubles(values, 0, values.length);
    }

    /**
     * Appends {@code values[from .. to)} to a float64 file (flat, row-major for a 2-D file: a row may be
     * split across calls).
     *
     * @throws IllegalStateException when this is not a float64 writer, or the values would exceed the shape
     */
    public void writeDoubles(double[] values, int from, int to) throws IOException {
        try {
            Objects.checkFromToIndex(from, to, values.length);
            if (dtype != NpyDtype.FLOAT64) {
                throw new IllegalStateException(file + ": writeDoubles needs a float64 writer, this one writes "
                        + dtype.descr() + "; use writeInts");
            }
            reserve(to - from);
            putDoubles(values, from, to - from);
        } catch (IOException | RuntimeException e) {
            failed = true; // close() discards the file
            throw e;
        }
    }

    /** Appends all of {@code values} to an int64 file. */
    public void writeInts(int[] values) throws IOException {
        writeInts(values, 0, values.length);
    }

    /**
     * Appends {@code values[from .. to)}, widened to int64, to an int64 file.
     *
     * @throws IllegalStateException when this is not an int64 writer, or the values would exceed the shape
     */
    public void writeInts(int[] values, int from, int to) throws IOException {
        try {
            Objects.checkFromToIndex(from, to, values.length);
            if (dtype != NpyDtype.INT64) {
                throw new IllegalStateException(file + ": writeInts needs an int64 writer, this one writes "
                        + dtype.descr() + "; use writeDoubles");
            }
            reserve(to - from);
            for (int i = from; i < to; i++) {
                if (buffer.remaining() < 8) {
                    flush();
                }
                buffer.putLong(values[i]);
            }
        } catch (IOException | RuntimeException e) {
            failed = true; // close() discards the file
            throw e;
        }
    }

    private void putDoubles(double[] values, int from, int n) throws IOException {
        while (n > 0) {
            if (buffer.remaining() < 8) {
                flush();
            }
            int k = Math.min(n, buffer.remaining() / 8);
            buffer.asDoubleBuffer().put(values, from, k); // one bulk copy, little-endian
            buffer.position(buffer.position() + 8 * k);
            from += k;
            n -= k;
        }
    }

    /** Checks the writer is usable and that {@code n} more values fit the shape, then counts them. */
    private void reserve(long n) {
        if (positional && !Thread.holdsLock(this)) {
            throw new IllegalStateException(file + ": this writer writes by position (writeRowsAt); it cannot append");
        }
        if (finished) {
            throw new IllegalStateException(file + ": this NpyWriter is closed");
        }
        if (failed) {
            throw new IllegalStateException(file + ": an earlier write failed; this writer is discarded");
        }
        if (written + n > expected) {
            throw new IllegalStateException(file + ": writing " + n + " more values would make "
                    + (written + n) + ", but shape " + NpyHeader.shapeString(shape) + " holds " + expected
                    + "; the file is discarded");
        }
        written += n;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.channel().write(buffer);
        }
        buffer.clear();
    }

    /**
     * Discards the file being written: deletes the temporary file and leaves {@code file} as it was.
     * Idempotent; a later {@link #close()} does nothing.
     */
    public synchronized void abort() {
        if (!finished) {
            finished = true;
            out.discard();
        }
    }

    /**
     * Publishes the file when every promised value was written: forces it to disk and renames it onto
     * {@link #file()}. Otherwise deletes the temporary file, leaves {@code file} as it was and throws.
     * Idempotent.
     *
     * @throws IllegalStateException when fewer values than the shape holds were written, or a write failed
     * @throws IOException           when flushing or renaming fails (the temporary file is deleted)
     */
    @Override
    public synchronized void close() throws IOException {
        if (finished) {
            return;
        }
        if (failed || written != expected) {
            abort();
            throw new IllegalStateException(file + (failed ? ": a write failed" : ": only " + written + " of the "
                    + expected + " values of shape " + NpyHeader.shapeString(shape) + " were written")
                    + "; the file was not written (the incomplete temporary file was deleted)");
        }
        finished = true;
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            out.discard();
            throw e;
        }
        out.commit();
    }
}
