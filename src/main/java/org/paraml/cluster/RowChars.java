package org.paraml.cluster;

/**
 * One {@code char} per row, in chunks (see {@link RowChunks}): {@link RowNearest}'s two-byte store of
 * nearest-candidate indices, each kept as {@code index + 1} (so 0 is −1, and indices up to 65,534 fit).
 */
final class RowChars extends RowChunks<char[]> {
    /** Every row's index −1 (all zeros), the chunks made on up to {@code threads} threads. */
    RowChars(long size, int threads) {
        super(size, char[]::new, threads);
    }

    /** Rows {@code [from, from + len)}, as indices (the stored value − 1), into {@code dst[0..len)}. */
    void readIndices(long from, int[] dst, int len) {
        forEachRun(from, len, (chunk, off, at, n) -> {
            for (int i = 0; i < n; i++) {
                dst[at + i] = chunk[off + i] - 1;
            }
        });
    }

    /**
     * {@code src[0..len)} (indices from −1 to 65,534) into rows {@code [from, from + len)}.
     *
     * @throws IllegalStateException for an index outside that range
     */
    void writeIndices(long from, int[] src, int len) {
        forEachRun(from, len, (chunk, off, at, n) -> {
            for (int i = 0; i < n; i++) {
                int v = src[at + i] + 1;
                if (v < 0 || v > Character.MAX_VALUE) {
                    throw new IllegalStateException("nearest-candidate index " + src[at + i] + " does not fit two "
                            + "bytes (allowed: -1 to " + (Character.MAX_VALUE - 1) + "); the store was not widened");
                }
                chunk[off + i] = (char) v;
            }
        });
    }
}
