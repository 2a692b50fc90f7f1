package org.paraml.cluster;

import java.util.Arrays;

/**
 * One double per row of a (possibly huge) dataset, indexed by global row: the k-means|| and k-means++
 * costs {@code d²(x, C)}. Stored in chunks of 32768 values (256 KiB), so that a 10⁸-row store is 800 MB
 * of ordinary heap arrays that never count as humongous objects, whatever the block size.
 */
final class RowDoubles {
    private static final int SHIFT = 15;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final long size;
    private final double[][] chunks;

    RowDoubles(long size) {
        this.size = size;
        int n = (int) ((size + CHUNK - 1) >>> SHIFT);
        chunks = new double[n][];
        for (int c = 0; c < n; c++) {
            chunks[c] = new double[(int) Math.min(CHUNK, size - ((long) c << SHIFT))];
        }
    }

    long size() {
        return size;
    }

    double get(long row) {
        return chunks[(int) (row >>> SHIFT)][(int) (row & MASK)];
    }

    void fill(double v) {
        for (double[] c : chunks) {
            Arrays.fill(c, v);
        }
    }

    /** Copies rows {@code [from, from + len)} into {@code dst[0..len)}. */
    void read(long from, double[] dst, int len) {
        int done = 0;
        while (done < len) {
            long row = from + done;
            double[] c = chunks[(int) (row >>> SHIFT)];
            int off = (int) (row & MASK);
            int n = Math.min(len - done, c.length - off);
            System.arraycopy(c, off, dst, done, n);
            done += n;
        }
    }

    /** Copies {@code src[0..len)} into rows {@code [from, from + len)}. */
    void write(long from, double[] src, int len) {
        int done = 0;
        while (done < len) {
            long row = from + done;
            double[] c = chunks[(int) (row >>> SHIFT)];
            int off = (int) (row & MASK);
            int n = Math.min(len - done, c.length - off);
            System.arraycopy(src, done, c, off, n);
            done += n;
        }
    }

    /** The chunk holding rows {@code [i × 32768, ...)}; for sequential scans. */
    double[] chunk(int i) {
        return chunks[i];
    }

    int chunkCount() {
        return chunks.length;
    }
}
