package org.paraml.data;

import org.paraml.linalg.Matrix;

/** Blocks made on demand by a {@link BlockGenerator}: block i from seed {@code seedOffset + i}. */
final class GeneratedBlockSource implements BlockSource {
    private final int numBlocks;
    private final int blockRows;
    private final int cols;
    private final long seedOffset;
    private final BlockGenerator generator;
    private final String name;
    private final boolean usesScratch;

    GeneratedBlockSource(int numBlocks, int blockRows, int cols, long seedOffset, BlockGenerator generator,
            String name, boolean usesScratch) {
        if (numBlocks < 0) {
            throw new IllegalArgumentException("numBlocks must be >= 0, got " + numBlocks);
        }
        if (blockRows <= 0) {
            throw new IllegalArgumentException("blockRows must be >= 1, got " + blockRows);
        }
        if (cols <= 0) {
            throw new IllegalArgumentException("cols must be >= 1, got " + cols);
        }
        if ((long) blockRows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a block of " + blockRows + " x " + cols
                    + " values exceeds the largest Java array; use fewer rows per block");
        }
        this.numBlocks = numBlocks;
        this.blockRows = blockRows;
        this.cols = cols;
        this.seedOffset = seedOffset;
        this.generator = generator;
        this.name = name;
        this.usesScratch = usesScratch;
    }

    @Override
    public int numBlocks() {
        return numBlocks;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int blockRows(int index) {
        return blockRows;
    }

    @Override
    public Matrix read(int index, double[] scratch) {
        Matrix m = generator.generate(seedOffset + index, blockRows, cols, scratch);
        if (m == null || m.rows() != blockRows || m.cols() != cols) {
            throw new IllegalStateException("generator of " + name + " made " + (m == null ? "null" : m)
                    + " for block " + index + ", expected " + blockRows + " x " + cols);
        }
        return m;
    }

    @Override
    public boolean usesScratch() {
        return usesScratch;
    }

    @Override
    public String describe() {
        return numBlocks + " " + name + " block(s) of " + blockRows + " x " + cols;
    }
}
