package org.paraml.data;

import java.util.List;
import org.paraml.linalg.Matrix;

/** Blocks held in memory, one matrix each (what {@link Blocks#persist} keeps when they fit). */
final class ListBlockSource implements BlockSource {
    private final List<Matrix> blocks;
    private final int cols;

    ListBlockSource(List<Matrix> blocks, int cols) {
        this.blocks = List.copyOf(blocks);
        this.cols = cols;
    }

    @Override
    public int numBlocks() {
        return blocks.size();
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int blockRows(int index) {
        return blocks.get(index).rows();
    }

    @Override
    public Matrix read(int index, double[] scratch) {
        return blocks.get(index);
    }

    @Override
    public Matrix readRows(int index, int from, int to, double[] scratch) {
        return blocks.get(index).rowRange(from, to);
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public String describe() {
        return blocks.size() + " block(s) persisted in memory";
    }
}
