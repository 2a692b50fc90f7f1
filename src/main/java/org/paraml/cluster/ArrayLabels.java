package org.paraml.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link ClusterLabels} held in an {@code int[]}. */
final class ArrayLabels implements ClusterLabels {
    private final int[] labels;

    ArrayLabels(int[] labels) {
        this.labels = labels;
    }

    @Override
    public long size() {
        return labels.length;
    }

    @Override
    public void forEachBlock(BlockLabelsConsumer consumer) {
        try {
            consumer.accept(0, 0, labels, labels.length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public int[] toArray() {
        return labels.clone();
    }
}
