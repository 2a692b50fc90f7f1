package org.paraml.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.paraml.data.Blocks;
import org.paraml.data.TutorialBlobs;
import org.paraml.linalg.Matrix;

/**
 * Row blocks described so that any machine can make or read them: the recipe travels to the executors,
 * not the data. Block i is made where it is needed — generated from its seed, as the tutorial's
 * {@code dask.delayed(make_blobs)(random_state=i)}, or read from {@code .npy} files that every executor
 * (and this JVM) can reach at the same path. {@link #open()} gives the same blocks in this JVM, so that a
 * Spark fit can be compared with {@link org.paraml.cluster.KMeans#fit(Blocks)} on the same data and block
 * layout. Immutable and serializable; uses no Spark class.
 */
public abstract class BlockSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    BlockSpec() {
    }

    /**
     * The tutorial's blobs: {@code numBlocks} blocks of {@code blockRows} × 20, block i
     * {@link TutorialBlobs#block(long, int) made from seed i}.
     */
    public static BlockSpec tutorialBlobs(int numBlocks, int blockRows) {
        if (numBlocks < 1 || blockRows < 1) {
            throw new IllegalArgumentException("tutorial blobs need numBlocks >= 1 and blockRows >= 1, got "
                    + numBlocks + " and " + blockRows);
        }
        return new Tutorial(numBlocks, blockRows);
    }

    /**
     * A {@code .npy} file, or a folder of them in name order, cut into blocks of {@code blockRows} rows (a
     * block never spans two files), as {@link Blocks#npy(Path, int)}; the path must be the same on every
     * executor. The layout is read here, now.
     *
     * @throws IOException when the files cannot be read here
     */
    public static BlockSpec npy(Path fileOrFolder, int blockRows) throws IOException {
        Path abs = fileOrFolder.toAbsolutePath().normalize();
        try (Blocks b = Blocks.npy(abs, blockRows)) {
            long[] starts = new long[b.numBlocks() + 1];
            for (int i = 0; i < b.numBlocks(); i++) {
                starts[i + 1] = starts[i] + b.blockRows(i);
            }
            return new Npy(abs.toString(), blockRows, b.cols(), starts);
        }
    }

    /** Number of blocks. */
    public abstract int numBlocks();

    /** Number of columns of every block. */
    public abstract int cols();

    /** Rows of block {@code i}. */
    public abstract int blockRows(int i);

    /** Block {@code i}, made or read on this JVM, as a new matrix. */
    public abstract Matrix block(int i);

    /** The same blocks, made or read in this JVM. Close them after use. */
    public abstract Blocks open();

    /** Global index of the first row of each block, and the total rows last ({@code numBlocks() + 1} values). */
    public long[] starts() {
        long[] s = new long[numBlocks() + 1];
        for (int i = 0; i < numBlocks(); i++) {
            s[i + 1] = s[i] + blockRows(i);
        }
        return s;
    }

    /** A short description for logs. */
    public abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    private static final class Tutorial extends BlockSpec {
        private static final long serialVersionUID = 1L;
        private final int numBlocks;
        private final int rows;

        Tutorial(int numBlocks, int rows) {
            this.numBlocks = numBlocks;
            this.rows = rows;
        }

        @Override
        public int numBlocks() {
            return numBlocks;
        }

        @Override
        public int cols() {
            return TutorialBlobs.N_FEATURES;
        }

        @Override
        public int blockRows(int i) {
            Objects.checkIndex(i, numBlocks);
            return rows;
        }

        @Override
        public Matrix block(int i) {
            Objects.checkIndex(i, numBlocks);
            return TutorialBlobs.block(i, rows);
        }

        @Override
        public Blocks open() {
            return TutorialBlobs.blocks(numBlocks, rows);
        }

        @Override
        public String describe() {
            return numBlocks + " tutorial blob block(s) of " + rows + " x " + TutorialBlobs.N_FEATURES;
        }
    }

    private static final class Npy extends BlockSpec {
        private static final long serialVersionUID = 1L;
        private final String path;
        private final int blockRows;
        private final int cols;
        private final long[] starts;

        Npy(String path, int blockRows, int cols, long[] starts) {
            this.path = path;
            this.blockRows = blockRows;
            this.cols = cols;
            this.starts = starts;
        }

        @Override
        public int numBlocks() {
            return starts.length - 1;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public int blockRows(int i) {
            Objects.checkIndex(i, numBlocks());
            return (int) (starts[i + 1] - starts[i]);
        }

        @Override
        public Matrix block(int i) {
            try (Blocks b = open()) {
                if (b.numBlocks() != numBlocks() || b.blockRows(i) != blockRows(i) || b.cols() != cols) {
                    throw new IllegalStateException(path + " is not the same here as where the fit started: "
                            + b + " instead of " + numBlocks() + " blocks of " + cols + " columns");
                }
                double[] scratch = new double[blockRows(i) * cols];
                return b.source().read(i, scratch).copy();
            } catch (IOException e) {
                throw new UncheckedIOException(path + " cannot be read on this machine: " + e.getMessage(), e);
            }
        }

        @Override
        public Blocks open() {
            try {
                return Blocks.npy(Path.of(path), blockRows);
            } catch (IOException e) {
                throw new UncheckedIOException(path + " cannot be read on this machine: " + e.getMessage(), e);
            }
        }

        @Override
        public String describe() {
            return path + " in " + numBlocks() + " block(s) of up to " + blockRows + " rows x " + cols;
        }
    }
}
