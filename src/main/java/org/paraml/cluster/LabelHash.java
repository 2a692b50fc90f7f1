package org.paraml.cluster;

/**
 * 64-bit fingerprints of label sequences. {@link #of} hashes one block's labels, to decide whether an
 * iteration changed any label (scikit-learn's strict convergence) without keeping the previous labels
 * of every row: equal fingerprints mean equal labels up to a 2⁻⁶⁴ chance. {@link Partition} hashes a
 * whole labelling up to a renaming of the clusters (scikit-learn's {@code _is_same_clustering}).
 */
final class LabelHash {
    private LabelHash() {
    }

    static long of(int[] labels, int n) {
        long h = 0x243F6A8885A308D3L ^ n;
        for (int i = 0; i < n; i++) {
            h = CounterRandom.mix(h + labels[i] + 0x9E3779B97F4A7C15L);
        }
        return h;
    }

    /**
     * A labelling hashed block by block in row order after renaming clusters by order of first
     * appearance, so that two labellings of the same partition get the same hash.
     */
    static final class Partition {
        private final int[] rename;
        private int next;
        private long h = 0x13198A2E03707344L;

        Partition(int k) {
            rename = new int[k];
            java.util.Arrays.fill(rename, -1);
        }

        void add(int[] labels, int n) {
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                if (rename[l] < 0) {
                    rename[l] = next++;
                }
                h = CounterRandom.mix(h + rename[l] + 0x9E3779B97F4A7C15L);
            }
        }

        long value() {
            return h;
        }

        /** Number of distinct labels seen. */
        int distinct() {
            return next;
        }
    }
}
