package org.paraml.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.paraml.linalg.Matrix;

/**
 * Reads ranges of rows of a 2-D (or 1-D, as one column) C-order {@code .npy} file of any
 * {@linkplain NpyDtype supported dtype}, converted to float64, without ever holding more than a small
 * window of the file in memory. Opened by {@link Npy#openRows(Path)}; made for files larger than RAM
 * and larger than a Java array.
 *
 * <p><b>Memory.</b> A call reads its range window by window with positional {@link FileChannel} reads
 * into a pooled 1 MiB direct buffer (one per calling thread at a time), decoding each window into the
 * result before the next is read. Nothing is memory-mapped, so scanning a file of any size leaves the
 * process's resident size where it was (the kernel's page cache, which is not the process's memory,
 * keeps what it likes); the only memory a call leaves behind is the result it returns.
 *
 * <p>Why not mapping: sessions 1-27 mapped each window (16 MiB), copied it out and unmapped it, which
 * copies once where a read copies twice and measured 1.0-1.5× ahead on two hosts. On a third (a Zen 5
 * guest, session 28) mapping ran at 1.8 GB/s against 8-10 GB/s for reads from the page cache, because
 * every mapping pays page faults and an unmap (a TLB shootdown across the process's threads), which a
 * virtual machine makes expensive: a spilled 20M-row KMeans fit took 16-18 s mapped and 9-11 s with
 * reads. Reads ran at 3.4-10 GB/s on all three hosts; a mapping's cost depends on the host.
 *
 * <p><b>Threads.</b> {@code readRows} may be called by many threads at once (a prefetch thread and
 * compute threads): each call reads into its own buffer at explicit positions, so calls share no
 * state but the file and the pool of idle buffers. A thread interrupted in a read gets
 * {@link ClosedByInterruptException} as usual, but the JDK closes the channel for every thread when
 * that happens; this reader then reopens the file so other callers carry on. {@link #close()} must not
 * race with reads that should succeed.
 */
public final class NpyRowReader implements AutoCloseable {

    /** Bytes read per window: the buffer stays hot in cache between the kernel's copy and the decode. */
    static final int WINDOW_BYTES = 1 << 20;

    private final Path file;
    private final NpyHeader header;
    private final int rows;
    private final int cols;
    /** Bytes read per window: a whole number of elements. */
    private final int windowBytes;
    private final ConcurrentLinkedQueue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();
    private volatile FileChannel channel;
    private volatile boolean closed;

    private NpyRowReader(Path file, FileChannel channel, NpyHeader header, int windowBytes) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        long[] shape = header.shape();
        this.rows = (int) shape[0];
        this.cols = shape.length == 2 ? (int) shape[1] : 1;
        int item = header.dtype().itemSize();
        long needed = Math.max(item, header.dataBytes());
        this.windowBytes = (int) Math.min(needed, Math.max(item, windowBytes / item * (long) item));
    }

    /** See {@link Npy#openRows(Path)}. */
    static NpyRowReader open(Path file) throws IOException {
        return open(file, WINDOW_BYTES);
    }

    /** Opens with a given window size in bytes (rounded down to whole elements, at least one). */
    static NpyRowReader open(Path file, int windowBytes) throws IOException {
        Objects.requireNonNull(file, "file");
        FileChannel ch = Npy.openForReading(file);
        try {
            NpyHeader h = NpyHeader.read(ch, file);
            Npy.checkReadable(file, h, 1, 2);
            long[] shape = h.shape();
            if (shape[0] > Integer.MAX_VALUE || (shape.length == 2 && shape[1] > Integer.MAX_VALUE)) {
                throw new NpyFormatException(file, "shape " + h.shapeString() + " has more than "
                        + Integer.MAX_VALUE + " rows or columns, which this reader cannot address");
            }
            h.checkComplete(ch, file);
            return new NpyRowReader(file, ch, h, windowBytes);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The file's header (dtype, shape, data offset). */
    public NpyHeader header() {
        return header;
    }

    /** Number of rows: {@code shape[0]}. */
    public int rows() {
        return rows;
    }

    /** Number of columns: {@code shape[1]}, or 1 for a 1-D file. */
    public int cols() {
        return cols;
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) as a new compact {@code (to - from) × cols()}
     * matrix, converted to float64.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= rows()}
     * @throws IllegalArgumentException  when the range holds more values than one Java array can
     * @throws IOException               when the file cannot be read (or shrank since it was opened)
     */
    public Matrix readRows(int from, int to) throws IOException {
        checkRange(from, to);
        long n = (long) (to - from) * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(file + ": rows [" + from + ", " + to + ") hold " + n
                    + " values, more than one Java array holds; read fewer rows at a time");
        }
        Matrix m = Matrix.zeros(to - from, cols);
        readRows(from, to, m.data());
        return m;
    }

    /**
     * Reads rows {@code from} (inclusive) to {@code to} (exclusive), converted to float64, into
     * {@code into[0 .. (to - from) × cols())} in row-major order; the rest of {@code into} is not touched.
     * Lets a caller reuse one buffer for every block.
     *
     * @return the number of values written, {@code (to - from) × cols()}
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= rows()}
     * @throws IllegalArgumentException  when {@code into} is shorter than {@code (to - from) × cols()}
     */
    public int readRows(int from, int to, double[] into) throws IOException {
        Objects.requireNonNull(into, "into");
        checkRange(from, to);
        long n = (long) (to - from) * cols;
        if (n > into.length) {
            throw new IllegalArgumentException(file + ": rows [" + from + ", " + to + ") hold " + n
                    + " values but the buffer has room for " + into.length);
        }
        NpyDtype dtype = header.dtype();
        readElements((long) from * cols, n, (window, first, count) ->
                NpyDecode.toDoubles(window, dtype, into, (int) (first - (long) from * cols), count));
        return (int) n;
    }

    private void checkRange(int from, int to) {
        if (closed) {
            throw new IllegalStateException(file + ": this NpyRowReader is closed");
        }
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException(file + ": row range [" + from + ", " + to
                    + ") is outside the file's rows [0, " + rows + "); allowed: 0 <= from <= to <= " + rows);
        }
    }

    /** Receives one window of raw elements: {@code window} (byte order set) holds {@code count} of them. */
    interface WindowConsumer {
        void accept(ByteBuffer window, long firstElement, int count) throws IOException;
    }

    /**
     * Hands elements {@code [first, first + count)} (flat C-order indices) to {@code consumer}, one
     * window at a time, in order. The window buffer is only valid during the call.
     */
    void readElements(long first, long count, WindowConsumer consumer) throws IOException {
        int item = header.dtype().itemSize();
        int perWindow = windowBytes / item;
        long done = 0;
        ByteBuffer buffer = takeBuffer();
        try {
            while (done < count) {
                int n = (int) Math.min(perWindow, count - done);
                long position = header.dataOffset() + (first + done) * item;
                readPositional(buffer, position, n * item);
                consumer.accept(buffer.order(header.byteOrder()), first + done, n);
                done += n;
            }
        } finally {
            giveBack(buffer);
        }
    }

    private void readPositional(ByteBuffer buffer, long position, int bytes) throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = channel;
            buffer.clear().limit(bytes);
            try {
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer, position + buffer.position()) < 0) {
                        throw shrank(position + buffer.position());
                    }
                }
                buffer.flip();
                return;
            } catch (ClosedChannelException e) {
                recover(ch, e, attempt);
            }
        }
    }

    /**
     * After a read saw the channel closed: rethrows when this reader was closed, when this thread was the
     * one interrupted, or after repeated failures; otherwise reopens the file (once, whichever thread
     * gets here first) so the read can be retried.
     */
    private void recover(FileChannel dead, ClosedChannelException e, int attempt) throws IOException {
        if (closed || e instanceof ClosedByInterruptException || attempt >= 3) {
            if (e instanceof ClosedByInterruptException) {
                reopen(dead); // others go on; this thread sees its interrupt
            }
            throw e;
        }
        reopen(dead);
    }

    private synchronized void reopen(FileChannel dead) throws IOException {
        if (!closed && channel == dead) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
    }

    private NpyFormatException shrank(long size) {
        return new NpyFormatException(file, "truncated data: the file is now " + size + " bytes, the header"
                + " promises " + (header.dataOffset() + header.dataBytes()) + "; it shrank after it was opened");
    }

    private ByteBuffer takeBuffer() {
        ByteBuffer b = buffers.poll();
        return b != null ? b : ByteBuffer.allocateDirect(windowBytes);
    }

    private void giveBack(ByteBuffer b) {
        if (!closed) {
            buffers.offer(b);
        }
    }

    /** Closes the file and frees the read buffers. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            buffers.clear(); // the collector frees them (a few MiB); freeing by hand would need Unsafe
            channel.close();
        }
    }

    /** The window size in bytes, after rounding to whole elements and capping at the data size. */
    int windowBytes() {
        return windowBytes;
    }

    @Override
    public String toString() {
        return "NpyRowReader[" + file + ", " + header.descr() + " " + header.shapeString() + "]";
    }
}
