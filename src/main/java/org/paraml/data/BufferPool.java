package org.paraml.data;

import java.util.ArrayDeque;

/**
 * Reusable block buffers of one size, so that passes over blocks read into the same few arrays
 * instead of allocating a new one per block. Holds at most {@code capacity} idle buffers.
 */
final class BufferPool {
    private final int length;
    private final ArrayDeque<double[]> idle = new ArrayDeque<>();
    private int capacity;

    BufferPool(int length, int capacity) {
        this.length = length;
        this.capacity = capacity;
    }

    /** An idle buffer, or a new one of {@link #length()} doubles. */
    double[] take() {
        synchronized (this) {
            double[] b = idle.pollFirst();
            if (b != null) {
                return b;
            }
        }
        return new double[length];
    }

    /** Returns a buffer taken from this pool; kept for reuse unless the pool is full. */
    synchronized void give(double[] buffer) {
        if (buffer != null && buffer.length == length && idle.size() < capacity) {
            idle.addFirst(buffer);
        }
    }

    /** Raises the number of idle buffers kept (never lowers it below what is held now). */
    synchronized void ensureCapacity(int n) {
        capacity = Math.max(capacity, n);
    }

    /** Drops every idle buffer. */
    synchronized void clear() {
        idle.clear();
    }

    int length() {
        return length;
    }
}
