package org.paraml.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.paraml.data.NpyWriter;

/**
 * The cluster label of every row ({@code labels_}), each in {@code [0, n_clusters)}. For data in memory
 * the labels are an array; for blocks they are computed again from the blocks, block by block, each
 * time they are read (the blocks must still be open), so that 10⁸ labels never sit in memory unless
 * {@link #toArray()} asks for them.
 */
public interface ClusterLabels {

    /** Number of rows labelled. */
    long size();

    /** Hands the labels to {@code consumer} block by block, in order, on the calling thread. */
    void forEachBlock(BlockLabelsConsumer consumer);

    /**
     * All labels in one array: explicit materialisation, 4 bytes per row.
     *
     * @throws IllegalStateException when there are more labels than one Java array holds
     */
    int[] toArray();

    /**
     * Writes the labels as a 1-D int64 {@code .npy} file (numpy's default integer), streaming block by
     * block; the file appears only once complete.
     */
    default void writeNpy(Path file) throws IOException {
        try (NpyWriter w = NpyWriter.int64(file, size())) {
            forEachBlock((block, firstRow, labels, rows) -> w.writeInts(labels, 0, rows));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Labels held in an array (not copied). */
    static ClusterLabels of(int[] labels) {
        return new ArrayLabels(labels);
    }
}
