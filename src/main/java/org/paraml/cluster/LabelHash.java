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

    /**
     * The fingerprint of {@code labels[0..n)}: four chains of mixes, over the rows {@code i ≡ 0, 1, 2, 3 (mod 4)},
     * combined at the end. One chain waits on each mix's two multiplications (~3 ns a row, 2% of a k-means fit's
     * CPU); four overlap them. Any fixed function of the sequence serves: fingerprints are only compared with
     * each other.
     */
    static long of(int[] labels, int n) {
        long h0 = 0x243F6A8885A308D3L ^ n;
        long h1 = 0x13198A2E03707344L;
        long h2 = 0xA4093822299F31D0L;
        long h3 = 0x082EFA98EC4E6C89L;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h0 = CounterRandom.mix(h0 + labels[i] + 0x9E3779B97F4A7C15L);
            h1 = CounterRandom.mix(h1 + labels[i + 1] + 0x9E3779B97F4A7C15L);
            h2 = CounterRandom.mix(h2 + labels[i + 2] + 0x9E3779B97F4A7C15L);
            h3 = CounterRandom.mix(h3 + labels[i + 3] + 0x9E3779B97F4A7C15L);
        }
        for (; i < n; i++) {
            h0 = CounterRandom.mix(h0 + labels[i] + 0x9E3779B97F4A7C15L);
        }
        return CounterRandom.mix(CounterRandom.mix(CounterRandom.mix(h0 ^ h1) + h2) ^ h3);
    }

    /**
     * A labelling hashed up to a renaming of the clusters, so that two labellings of the same partition get
     * the same hash: each cluster is hashed as the set of its rows (a wrapping sum of mixed row indices, with
     * its size), and the clusters are combined in the order of their first row. Blocks contribute
     * {@link Part}s, merged in block order, so that the blocks may be labelled anywhere.
     */
    static final class Partition {
        private final long[] first;
        private final long[] rowHash;
        private final long[] count;

        Partition(int k) {
            first = new long[k];
            rowHash = new long[k];
            count = new long[k];
            java.util.Arrays.fill(first, -1);
        }

        /** Adds the part of one block (blocks in order). */
        void add(Part p) {
            for (int j = 0; j < first.length; j++) {
                if (p.count[j] > 0) {
                    if (first[j] < 0) {
                        first[j] = p.first[j];
                    }
                    rowHash[j] += p.rowHash[j];
                    count[j] += p.count[j];
                }
            }
        }

        long value() {
            Integer[] order = new Integer[first.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, java.util.Comparator.comparingLong(j -> first[j]));
            long h = 0x13198A2E03707344L;
            for (int j : order) {
                if (count[j] > 0) {
                    h = CounterRandom.mix(h + rowHash[j] + 0x9E3779B97F4A7C15L);
                    h = CounterRandom.mix(h + count[j]);
                }
            }
            return h;
        }

        /** Number of distinct labels seen. */
        int distinct() {
            int d = 0;
            for (long c : count) {
                if (c > 0) {
                    d++;
                }
            }
            return d;
        }
    }

    /** One block's share of a {@link Partition}: per label, its first row, its row hash and its size. */
    static final class Part implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final long[] first;
        private final long[] rowHash;
        private final long[] count;

        Part(int[] labels, int n, long firstRow, int k) {
            first = new long[k];
            rowHash = new long[k];
            count = new long[k];
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                long row = firstRow + i;
                if (count[l]++ == 0) {
                    first[l] = row;
                }
                rowHash[l] += CounterRandom.mix(row * 0x9E3779B97F4A7C15L + 0x243F6A8885A308D3L);
            }
        }
    }
}
