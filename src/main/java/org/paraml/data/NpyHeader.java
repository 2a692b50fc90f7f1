package org.paraml.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: what the data after it holds and where it starts.
 *
 * <p>The format (numpy's {@code numpy.lib.format}, NEP 1): the 6 bytes {@code \x93NUMPY}, a major and
 * a minor version byte, the header length as a little-endian unsigned integer (2 bytes in version
 * 1.0, 4 bytes in versions 2.0 and 3.0), then the header: a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }} (latin-1 text before version
 * 3.0, UTF-8 from it), padded with spaces and ended by a newline so that the data starts on a
 * multiple of 64 bytes. The data follows: {@code shape[0] × shape[1] × ...} elements of
 * {@link #dtype()}, in C (row-major) order unless {@link #fortranOrder()}.
 *
 * @param dtype         the element type
 * @param byteOrder     the byte order of the elements ({@code '<'} little, {@code '>'} big; bool has
 *                      none and reads as little-endian)
 * @param shape         the dimensions, outermost first; {@code shape.length} is the number of
 *                      dimensions (0 for a scalar). The accessor returns a copy.
 * @param fortranOrder  true when the data is stored column-major (which {@link Npy} does not read)
 * @param dataOffset    the byte offset in the file of the first element
 * @param formatVersion the major format version, 1, 2 or 3 (the minor version is always 0)
 */
public record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, long[] shape, boolean fortranOrder, long dataOffset,
        int formatVersion) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The data of a file numpy writes starts on a multiple of this many bytes. */
    static final int ARRAY_ALIGN = 64;
    /** numpy pads the header so the length of the first axis can grow to this many digits in place. */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Longest header read: numpy writes a few hundred bytes; more is a corrupt length field. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    private static final String EXAMPLE = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }";

    /** Keeps a copy of {@code shape}. */
    public NpyHeader {
        shape = shape.clone();
    }

    /** The dimensions, outermost first (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions: 0 for a scalar, 1 for a vector, 2 for a matrix. */
    public int ndim() {
        return shape.length;
    }

    /** Number of elements, the product of the shape (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d; // cannot overflow: read() checked the product
        }
        return n;
    }

    /** Bytes of data the header promises: {@code elementCount() × dtype().itemSize()}. */
    public long dataBytes() {
        return elementCount() * dtype.itemSize();
    }

    /** The descr as numpy writes it, e.g. {@code <f8}, {@code >i4}, {@code |b1}. */
    public String descr() {
        return dtype.itemSize() == 1 ? dtype.descr()
                : (byteOrder == ByteOrder.BIG_ENDIAN ? ">" : "<") + dtype.descr().substring(1);
    }

    /** The shape as Python prints a tuple: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
    public String shapeString() {
        return shapeString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype == dtype && h.byteOrder.equals(byteOrder)
                && Arrays.equals(h.shape, shape) && h.fortranOrder == fortranOrder && h.dataOffset == dataOffset
                && h.formatVersion == formatVersion;
    }

    @Override
    public int hashCode() {
        return (dtype.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Long.hashCode(dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[descr=" + descr() + ", shape=" + shapeString() + ", fortranOrder=" + fortranOrder
                + ", dataOffset=" + dataOffset + ", version=" + formatVersion + ".0]";
    }

    static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    // ---------------------------------------------------------------- writing

    /**
     * The bytes of a header for a C-order array of {@code dtype} (little-endian) and {@code shape}, laid
     * out exactly as numpy's {@code np.save} lays it out (version 1.0 unless the header needs more than
     * 65535 bytes, spare room for the first axis to grow, padded to {@link #ARRAY_ALIGN}).
     */
    static byte[] encode(NpyDtype dtype, long[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ").append(shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length())));
        }
        int version = 1;
        int lengthBytes = 2;
        int textLength = dict.length() + 1; // + '\n'
        int pad = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + textLength) % ARRAY_ALIGN;
        if (textLength + pad > 0xFFFF) {
            version = 2;
            lengthBytes = 4;
            pad = ARRAY_ALIGN - (MAGIC.length + 2 + lengthBytes + textLength) % ARRAY_ALIGN;
        }
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + lengthBytes + text.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) version).put((byte) 0);
        if (lengthBytes == 2) {
            out.putShort((short) text.length());
        } else {
            out.putInt(text.length());
        }
        out.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    // ---------------------------------------------------------------- reading

    /** Reads and checks the header of {@code file} through {@code channel}; see {@link Npy#header(Path)}. */
    static NpyHeader read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        byte[] prefix = readFully(channel, 0, (int) Math.min(size, 12));
        if (prefix.length < MAGIC.length || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            String hint = prefix.length >= 2 && prefix[0] == 'P' && prefix[1] == 'K'
                    ? "; it looks like a zip archive (a .npz file?): extract the .npy files from it first" : "";
            throw new NpyFormatException(file, "not a .npy file: it does not start with the magic string"
                    + " \\x93NUMPY (found " + describeBytes(prefix, MAGIC.length) + ")" + hint);
        }
        if (prefix.length < 8) {
            throw new NpyFormatException(file, "truncated header: the file ends after " + size
                    + " bytes, inside the version field");
        }
        int major = prefix[6] & 0xFF;
        int minor = prefix[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(file, "unsupported .npy format version " + major + "." + minor
                    + "; supported versions are 1.0, 2.0 and 3.0");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        int start = 8 + lengthBytes;
        if (size < start) {
            throw new NpyFormatException(file, "truncated header: the file ends after " + size
                    + " bytes, inside the header-length field");
        }
        ByteBuffer len = ByteBuffer.wrap(prefix, 8, lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? len.getShort() & 0xFFFFL : len.getInt() & 0xFFFFFFFFL;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new NpyFormatException(file, "the header claims to be " + headerLength
                    + " bytes; at most " + MAX_HEADER_BYTES + " are accepted (numpy writes a few hundred): the"
                    + " header-length field is corrupt");
        }
        if (size < start + headerLength) {
            throw new NpyFormatException(file, "truncated header: the header is " + headerLength
                    + " bytes from offset " + start + " but the file ends after " + size + " bytes");
        }
        byte[] raw = readFully(channel, start, (int) headerLength);
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new DictParser(file, text).parse();
        return fromDict(file, dict, start + headerLength, major);
    }

    private static NpyHeader fromDict(Path file, Map<String, Object> dict, long dataOffset, int major)
            throws NpyFormatException {
        Set<String> expected = Set.of("descr", "fortran_order", "shape");
        if (!dict.keySet().equals(expected)) {
            throw new NpyFormatException(file, "unparsable header: its keys are " + dict.keySet()
                    + ", a .npy header has exactly 'descr', 'fortran_order' and 'shape', e.g. " + EXAMPLE);
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new NpyFormatException(file, "unsupported dtype: descr " + descr
                    + " is a structured (record) dtype; supported dtypes are " + NpyDtype.SUPPORTED);
        }
        NpyDtype dtype = null;
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (d.length() >= 3) {
            char o = d.charAt(0);
            dtype = NpyDtype.of(d.charAt(1), d.substring(2));
            if (dtype != null && dtype.itemSize() > 1) {
                if (o == '>') {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (o != '<') {
                    dtype = null;
                }
            } else if (dtype != null && o != '|' && o != '<' && o != '>') {
                dtype = null;
            }
        }
        if (dtype == null) {
            throw new NpyFormatException(file, "unsupported dtype '" + d + "'; supported dtypes are "
                    + NpyDtype.SUPPORTED + " (convert with arr.astype(np.float64) before np.save)");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw new NpyFormatException(file, "unparsable header: 'fortran_order' is "
                    + dict.get("fortran_order") + ", it must be True or False");
        }
        if (!(dict.get("shape") instanceof List<?> dims)) {
            throw new NpyFormatException(file, "unparsable header: 'shape' is " + dict.get("shape")
                    + ", it must be a tuple of non-negative integers such as (3, 4)");
        }
        long[] shape = new long[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long v) || v < 0) {
                throw new NpyFormatException(file, "unparsable header: 'shape' is " + dims
                        + ", it must be a tuple of non-negative integers such as (3, 4)");
            }
            shape[i] = v;
            try {
                count = Math.multiplyExact(count, v);
                Math.multiplyExact(count, (long) dtype.itemSize());
            } catch (ArithmeticException e) {
                throw new NpyFormatException(file, "unparsable header: shape " + shapeString(shape)
                        + " holds more bytes than a file can");
            }
        }
        return new NpyHeader(dtype, order, shape, fortran, dataOffset, major);
    }

    /** Checks that the file holds every data byte the header promises. */
    void checkComplete(FileChannel channel, Path file) throws IOException {
        long found = channel.size() - dataOffset;
        if (found < dataBytes()) {
            throw new NpyFormatException(file, "truncated data: shape " + shapeString() + " of " + descr()
                    + " needs " + dataBytes() + " bytes of data after the header (offset " + dataOffset
                    + "), found " + found);
        }
    }

    private static byte[] readFully(FileChannel channel, long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException("end of file at " + (position + b.position()));
            }
        }
        return b.array();
    }

    private static String describeBytes(byte[] b, int n) {
        if (b.length == 0) {
            return "an empty file";
        }
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < Math.min(n, b.length); i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.append("'").toString();
    }

    /**
     * Parses the Python literal subset a {@code .npy} header uses: a dict of string keys whose values are
     * strings, True/False, integers (with Python 2's 'L' suffix), tuples and lists.
     */
    private static final class DictParser {
        private final Path file;
        private final String s;
        private int pos;

        DictParser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Map<String, Object> parse() throws NpyFormatException {
            skipSpace();
            if (!(value() instanceof Map<?, ?> m)) {
                throw error("the header must be a dict");
            }
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the closing '}'");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, v));
            return out;
        }

        private Object value() throws NpyFormatException {
            skipSpace();
            if (pos >= s.length()) {
                throw error("the header ends early");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                for (skipSpace(); !consume('}'); skipSpace()) {
                    if (!(value() instanceof String key)) {
                        throw error("dict keys must be strings");
                    }
                    skipSpace();
                    expect(':');
                    if (m.put(key, value()) != null) {
                        throw error("key '" + key + "' appears twice");
                    }
                    skipSpace();
                    if (!consume(',')) {
                        skipSpace();
                        expect('}');
                        break;
                    }
                }
                return m;
            }
            if (c == '(' || c == '[') {
                char close = c == '(' ? ')' : ']';
                pos++;
                List<Object> items = new ArrayList<>();
                for (skipSpace(); !consume(close); skipSpace()) {
                    items.add(value());
                    skipSpace();
                    if (!consume(',')) {
                        skipSpace();
                        expect(close);
                        break;
                    }
                }
                return items;
            }
            if (c == '\'' || c == '"') {
                pos++;
                StringBuilder sb = new StringBuilder();
                while (pos < s.length() && s.charAt(pos) != c) {
                    char ch = s.charAt(pos++);
                    if (ch == '\\' && pos < s.length()) {
                        ch = s.charAt(pos++);
                    }
                    sb.append(ch);
                }
                expect(c);
                return sb.toString();
            }
            if (s.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            int start = pos;
            if (c == '-' || c == '+') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start || !Character.isDigit(s.charAt(pos - 1))) {
                pos = start;
                throw error("expected a string, True, False, an integer, a tuple or a dict");
            }
            long v;
            try {
                v = Long.parseLong(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("integer out of range");
            }
            consume('L');
            return v;
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean consume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws NpyFormatException {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private NpyFormatException error(String what) {
            String near = pos >= s.length() ? "the end of the header"
                    : "'" + s.substring(pos, Math.min(s.length(), pos + 20)).replace("\n", "\\n") + "'";
            return new NpyFormatException(file, "unparsable header: " + what + " at character " + pos + " (at "
                    + near + "); a .npy header is a Python dict literal such as " + EXAMPLE + ", found: "
                    + (s.length() > 200 ? s.substring(0, 200) + "..." : s.strip()));
        }
    }
}
