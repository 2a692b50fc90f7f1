package org.paraml.data;

/**
 * The element types {@link Npy} reads and writes, named as numpy names them. Each is stored
 * little-endian ({@code '<'}) by numpy on x86 and ARM; the big-endian variants ({@code '>'}) are
 * read too (see {@link NpyHeader#byteOrder()}).
 */
public enum NpyDtype {
    /** numpy {@code float64}, descr {@code <f8}: IEEE 754 binary64. */
    FLOAT64('f', 8),
    /** numpy {@code float32}, descr {@code <f4}: IEEE 754 binary32, widened exactly to double. */
    FLOAT32('f', 4),
    /** numpy {@code int64}, descr {@code <i8}: numpy's default integer on Linux and macOS. */
    INT64('i', 8),
    /** numpy {@code int32}, descr {@code <i4}. */
    INT32('i', 4),
    /** numpy {@code bool}, descr {@code |b1}: one byte, 0 is false and anything else true (read as 1). */
    BOOL('b', 1);

    /** The descrs accepted on read, for error messages. */
    static final String SUPPORTED = "<f8, <f4, <i8, <i4, |b1 (float64, float32, int64, int32, bool;"
            + " the big-endian >f8, >f4, >i8, >i4 are read too)";

    private final char kind;
    private final int itemSize;

    NpyDtype(char kind, int itemSize) {
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** True for {@link #INT64}, {@link #INT32} and {@link #BOOL}: every value is an integer. */
    public boolean isIntegral() {
        return kind != 'f';
    }

    /** The little-endian descr numpy writes, e.g. {@code <f8}, or {@code |b1} for bool. */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** The dtype of descr characters {@code kind} and {@code size} (e.g. 'f', "8"), or null when unsupported. */
    static NpyDtype of(char kind, String size) {
        for (NpyDtype d : values()) {
            if (d.kind == kind && String.valueOf(d.itemSize).equals(size)) {
                return d;
            }
        }
        return null;
    }
}
