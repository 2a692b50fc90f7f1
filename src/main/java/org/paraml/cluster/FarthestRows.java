package org.paraml.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.paraml.linalg.Matrix;

/**
 * The {@code m} rows of a block farthest from their nearest centre, kept while the block's distances
 * are scanned (a bounded heap), with their coordinates: the candidates that scikit-learn's
 * {@code _relocate_empty_clusters} moves empty clusters to (in the fit's translated coordinates).
 * Order: larger distance first, then lower global row.
 */
final class FarthestRows {
    /** One far row: its global index, its label, its squared distance to that centre, its coordinates. */
    record Far(long row, int label, double dist, double[] x) implements java.io.Serializable {
    }

    static final Comparator<Far> FARTHEST_FIRST = Comparator.comparingDouble(Far::dist).reversed()
            .thenComparingLong(Far::row);

    private FarthestRows() {
    }

    /**
     * The {@code min(m, rows)} farthest rows of a block, farthest first.
     *
     * @param firstRow the global index of the block's first row
     * @param kernels  gives the coordinates in the fit's translated frame
     */
    static List<Far> of(Matrix x, long firstRow, int[] labels, double[] dist, int m, ShiftedKernels kernels) {
        int rows = x.rows();
        int size = Math.min(m, rows);
        List<Far> out = new ArrayList<>(size);
        if (size <= 0) {
            return out;
        }
        // min-heap on (dist, -index): the root is the nearest of the kept rows, the first to drop
        int[] heap = new int[size];
        int n = 0;
        for (int i = 0; i < rows; i++) {
            if (n < size) {
                heap[n] = i;
                siftUp(heap, n, dist);
                n++;
            } else if (worse(heap[0], i, dist)) {
                heap[0] = i;
                siftDown(heap, n, dist);
            }
        }
        for (int h = 0; h < n; h++) {
            int i = heap[h];
            out.add(new Far(firstRow + i, labels[i], dist[i], kernels.shiftedRow(x.data(), x.offset(i))));
        }
        out.sort(FARTHEST_FIRST);
        return out;
    }

    /** True when row a ranks after row b (nearer, or as near with a higher index). */
    private static boolean worse(int a, int b, double[] dist) {
        return dist[a] < dist[b] || (dist[a] == dist[b] && a > b);
    }

    private static void siftUp(int[] heap, int pos, double[] dist) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(heap[pos], heap[parent], dist)) {
                return;
            }
            int t = heap[pos];
            heap[pos] = heap[parent];
            heap[parent] = t;
            pos = parent;
        }
    }

    private static void siftDown(int[] heap, int n, double[] dist) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1;
            if (l >= n) {
                return;
            }
            int r = l + 1;
            int w = r < n && worse(heap[r], heap[l], dist) ? r : l;
            if (!worse(heap[w], heap[pos], dist)) {
                return;
            }
            int t = heap[pos];
            heap[pos] = heap[w];
            heap[w] = t;
            pos = w;
        }
    }
}
