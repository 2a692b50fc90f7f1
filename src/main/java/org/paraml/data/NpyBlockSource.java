package org.paraml.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.paraml.linalg.Matrix;

/**
 * Blocks read by row ranges from one or more {@code .npy} files ({@link NpyRowReader}: positional
 * reads into a small pooled buffer, nothing mapped, so the process's resident memory does not
 * grow with the file). A block never spans two files.
 */
final class NpyBlockSource implements BlockSource {
    private final List<NpyRowReader> readers;
    private final int[] fileOf;
    private final int[] from;
    private final int[] to;
    private final int cols;
    private final String description;

    private NpyBlockSource(List<NpyRowReader> readers, int[] fileOf, int[] from, int[] to, String description) {
        this.readers = readers;
        this.fileOf = fileOf;
        this.from = from;
        this.to = to;
        this.cols = readers.isEmpty() ? 1 : readers.get(0).cols();
        this.description = description;
    }

    /** Each file (in the order given) cut into blocks of {@code blockRows} rows. */
    static NpyBlockSource open(List<Path> files, int blockRows) throws IOException {
        if (blockRows <= 0) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        List<NpyRowReader> readers = openAll(files);
        try {
            List<int[]> blocks = new ArrayList<>();
            for (int f = 0; f < readers.size(); f++) {
                int rows = readers.get(f).rows();
                for (int start = 0; start < rows; start += blockRows) {
                    blocks.add(new int[] {f, start, (int) Math.min(rows, (long) start + blockRows)});
                }
            }
            String what = files.size() == 1 ? files.get(0).toString() : files.size() + " .npy files";
            return build(readers, blocks, what + " in blocks of " + blockRows + " rows");
        } catch (RuntimeException e) {
            closeAll(readers);
            throw e;
        }
    }

    /** One file cut at the given global row boundaries ({@code starts[i]} .. {@code starts[i + 1]}). */
    static NpyBlockSource open(Path file, long[] starts) throws IOException {
        List<NpyRowReader> readers = openAll(List.of(file));
        List<int[]> blocks = new ArrayList<>();
        for (int i = 0; i + 1 < starts.length; i++) {
            blocks.add(new int[] {0, (int) starts[i], (int) starts[i + 1]});
        }
        if (starts[starts.length - 1] != readers.get(0).rows()) {
            closeAll(readers);
            throw new NpyFormatException(file, "has " + readers.get(0).rows() + " rows, expected "
                    + starts[starts.length - 1]);
        }
        return build(readers, blocks, file.toString());
    }

    private static NpyBlockSource build(List<NpyRowReader> readers, List<int[]> blocks, String description) {
        int n = blocks.size();
        int[] fileOf = new int[n];
        int[] from = new int[n];
        int[] to = new int[n];
        for (int i = 0; i < n; i++) {
            fileOf[i] = blocks.get(i)[0];
            from[i] = blocks.get(i)[1];
            to[i] = blocks.get(i)[2];
        }
        return new NpyBlockSource(readers, fileOf, from, to, description);
    }

    private static List<NpyRowReader> openAll(List<Path> files) throws IOException {
        List<NpyRowReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                NpyRowReader r = Npy.openRows(f);
                readers.add(r);
                if (r.cols() == 0) {
                    throw new NpyFormatException(f, "the array of shape " + r.header().shapeString()
                            + " has 0 columns (features); at least 1 is required");
                }
                if (r.cols() != readers.get(0).cols()) {
                    throw new NpyFormatException(f, "has " + r.cols() + " columns, but " + readers.get(0).file()
                            + " has " + readers.get(0).cols() + ": every file must have the same columns");
                }
            }
            return readers;
        } catch (IOException | RuntimeException e) {
            closeAll(readers);
            throw e;
        }
    }

    private static void closeAll(List<NpyRowReader> readers) {
        for (NpyRowReader r : readers) {
            try {
                r.close();
            } catch (IOException ignored) {
                // closing a reader that failed to open fully; the original error is what matters
            }
        }
    }

    @Override
    public int numBlocks() {
        return fileOf.length;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int blockRows(int index) {
        return to[index] - from[index];
    }

    @Override
    public Matrix read(int index, double[] scratch) throws IOException {
        return readRows(index, 0, blockRows(index), scratch);
    }

    @Override
    public Matrix readRows(int index, int fromRow, int toRow, double[] scratch) throws IOException {
        int rows = toRow - fromRow;
        double[] into = scratch != null && scratch.length >= rows * cols && scratch.length % cols == 0 ? scratch
                : new double[Math.max(cols, rows * cols)];
        readers.get(fileOf[index]).readRows(from[index] + fromRow, from[index] + toRow, into);
        return BlockSource.viewOf(into, rows, cols);
    }

    @Override
    public boolean randomAccess() {
        return true;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (NpyRowReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
