package org.paraml.cluster;

/**
 * 64-bit fingerprints of label sequences. {@link #of} hashes one block's labels, to decide whether an
 * iteration changed any label (scikit-learn's strict convergence) without keeping the previous labels
 * of every row: equal fingerprints mean equal labels up to a 2⁻⁶⁴ chance. {@link Partition} hashes a
 * whole labelling up to a renaming of the clusters (scikit-learn's {@code _is_same_clustering}).
 *
 * <p>Both mix four independent lanes (row {@code i} goes to lane {@code i mod 4}, labels taken two at a
 * time) and fold the lanes at the end, so that the mixing, a chain of dependent multiplies per lane,
 * costs about one cycle per label instead of a full mix per label. Only equality of fingerprints is
 * ever used.
 */
final class LabelHash {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long[] SEEDS = {0x243F6A8885A308D3L, 0x13198A2E03707344L, 0xA4093822299F31D0L,
        0x082EFA98EC4E6C89L};

    private LabelHash() {
    }

    /** Two labels as one word. */
    private static long pair(int a, int b) {
        return ((long) a << 32) ^ (b & 0xffffffffL);
    }

    static long of(int[] labels, int n) {
        long h0 = SEEDS[0] ^ n;
        long h1 = SEEDS[1];
        long h2 = SEEDS[2];
        long h3 = SEEDS[3];
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h0 = CounterRandom.mix(h0 + pair(labels[i], labels[i + 4]) + GOLDEN);
            h1 = CounterRandom.mix(h1 + pair(labels[i + 1], labels[i + 5]) + GOLDEN);
            h2 = CounterRandom.mix(h2 + pair(labels[i + 2], labels[i + 6]) + GOLDEN);
            h3 = CounterRandom.mix(h3 + pair(labels[i + 3], labels[i + 7]) + GOLDEN);
        }
        for (; i < n; i++) {
            h0 = CounterRandom.mix(h0 + labels[i] + GOLDEN);
        }
        return fold(h0, h1, h2, h3);
    }

    private static long fold(long h0, long h1, long h2, long h3) {
        return CounterRandom.mix(CounterRandom.mix(CounterRandom.mix(h0 + GOLDEN) ^ h1) + h2) ^ h3;
    }

    /**
     * A labelling hashed block by block in row order after renaming clusters by order of first
     * appearance, so that two labellings of the same partition get the same hash. The lane of a row
     * is its position in the whole sequence (mod 4), so the value does not depend on how the rows are
     * cut into blocks.
     */
    static final class Partition {
        private final int[] rename;
        private int next;
        private final long[] h = SEEDS.clone();
        private long position;

        Partition(int k) {
            rename = new int[k];
            java.util.Arrays.fill(rename, -1);
        }

        void add(int[] labels, int n) {
            int[] r = rename;
            int i = 0;
            while (i < n && (position & 3) != 0) {
                addOne(renamed(labels[i++]));
            }
            long h0 = h[0];
            long h1 = h[1];
            long h2 = h[2];
            long h3 = h[3];
            int start = i;
            for (; i + 4 <= n; i += 4) {
                int a = r[labels[i]];
                int b = r[labels[i + 1]];
                int c = r[labels[i + 2]];
                int e = r[labels[i + 3]];
                if ((a | b | c | e) < 0) {
                    a = renamed(labels[i]);
                    b = renamed(labels[i + 1]);
                    c = renamed(labels[i + 2]);
                    e = renamed(labels[i + 3]);
                }
                h0 = CounterRandom.mix(h0 + a + GOLDEN);
                h1 = CounterRandom.mix(h1 + b + GOLDEN);
                h2 = CounterRandom.mix(h2 + c + GOLDEN);
                h3 = CounterRandom.mix(h3 + e + GOLDEN);
            }
            h[0] = h0;
            h[1] = h1;
            h[2] = h2;
            h[3] = h3;
            position += i - start;
            for (; i < n; i++) {
                addOne(renamed(labels[i]));
            }
        }

        private int renamed(int label) {
            if (rename[label] < 0) {
                rename[label] = next++;
            }
            return rename[label];
        }

        private void addOne(int v) {
            int lane = (int) (position & 3);
            h[lane] = CounterRandom.mix(h[lane] + v + GOLDEN);
            position++;
        }

        long value() {
            return fold(h[0], h[1], h[2], h[3]) ^ position;
        }

        /** Number of distinct labels seen. */
        int distinct() {
            return next;
        }
    }
}
