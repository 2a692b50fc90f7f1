package org.paraml.cluster;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.paraml.backend.Backend;
import org.paraml.backend.PreparedMatrix;
import org.paraml.linalg.Matrix;

/**
 * The subsets of one k-means|| round's new candidates that {@link PrunedMinUpdate} searches, prepared by the backend
 * once per round instead of once per block and group: the groups of different blocks mostly keep the same
 * candidates, and preparing them anew (a copy and a panel per group per block) was ~10% of the pruned rounds' time
 * and most of their garbage (bench/RESULTS.md, session 33). Shared by the threads of a pass: a subset two threads
 * prepare at once is kept once, and the backends' prepared matrices are safe to share.
 */
final class CandidateSubsets {
    /**
     * Candidate values (rows × features) kept prepared, at most: 8 MB of rows, and as much again in the backend's
     * panels. Beyond it a subset is prepared for its call only. A 20M-row fit of the tutorial's blobs prepares about
     * 25 distinct subsets a round, of 7-8 candidates on average.
     */
    static final long MAX_VALUES = 1L << 20;

    private final Backend backend;
    private final double[] fresh;
    private final int d;
    private final Map<Key, PreparedMatrix> prepared = new ConcurrentHashMap<>();
    private final AtomicLong values = new AtomicLong();

    /**
     * @param fresh the round's new candidates, row-major, {@code d} values each (not copied: not to be modified)
     */
    CandidateSubsets(Backend backend, double[] fresh, int d) {
        this.backend = backend;
        this.fresh = fresh;
        this.d = d;
    }

    /** Whether these subsets are of {@code fresh} on {@code backend} (the array itself, not a copy). */
    boolean isFor(Backend backend, double[] fresh) {
        return this.backend == backend && this.fresh == fresh;
    }

    /** The candidates {@code keep} (ascending indices into the new candidates), prepared by the backend. */
    PreparedMatrix of(int[] keep) {
        Key key = new Key(keep);
        PreparedMatrix p = prepared.get(key);
        if (p == null) {
            p = backend.prepare(rows(keep));
            long size = (long) keep.length * d;
            if (values.addAndGet(size) <= MAX_VALUES) {
                PreparedMatrix first = prepared.putIfAbsent(key, p);
                if (first != null) {
                    values.addAndGet(-size);
                    p = first;
                }
            } else {
                values.addAndGet(-size);
            }
        }
        return p;
    }

    private Matrix rows(int[] keep) {
        double[] out = new double[keep.length * d];
        for (int t = 0; t < keep.length; t++) {
            System.arraycopy(fresh, keep[t] * d, out, t * d, d);
        }
        return Matrix.wrap(out, keep.length, d);
    }

    /** A subset by its indices' contents (the map's key; the array is not modified once made). */
    private record Key(int[] keep) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(keep, k.keep);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keep);
        }
    }
}
