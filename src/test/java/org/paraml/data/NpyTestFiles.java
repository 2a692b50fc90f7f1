package org.paraml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Helpers for the .npy tests: the committed numpy fixtures and hand-made files of any dtype. */
final class NpyTestFiles {
    /** The 2-D values of the numpy fixtures, (np.arange(6).reshape(2, 3) - 2) * 0.75. */
    static final double[][] M = {{-1.5, -0.75, 0}, {0.75, 1.5, 2.25}};
    /** The 1-D values of the numpy fixtures, np.arange(5) - 2. */
    static final double[] V = {-2, -1, 0, 1, 2};

    private NpyTestFiles() {
    }

    /** A fixture written by make_npy_fixtures.py. */
    static Path fixture(String name) {
        URL url = NpyTestFiles.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test fixture " + name + "; run make_npy_fixtures.py");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a C-order file of {@code dtype} and {@code shape} through ParaML's header encoder, holding
     * {@code values} converted to the dtype in {@code order}.
     */
    static Path writeRaw(Path file, NpyDtype dtype, ByteOrder order, long[] shape, double[] values) throws IOException {
        byte[] header = NpyHeader.encode(dtype, shape);
        if (order == ByteOrder.BIG_ENDIAN && dtype.itemSize() > 1) {
            String text = new String(header, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("'<", "'>");
            header = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        ByteBuffer data = ByteBuffer.allocate(values.length * dtype.itemSize()).order(order);
        for (double v : values) {
            switch (dtype) {
                case FLOAT64 -> data.putDouble(v);
                case FLOAT32 -> data.putFloat((float) v);
                case INT64 -> data.putLong((long) v);
                case INT32 -> data.putInt((int) v);
                case BOOL -> data.put((byte) (v != 0 ? 1 : 0));
            }
        }
        return write(file, header, data.array());
    }

    /** Writes the concatenation of {@code parts} to {@code file}. */
    static Path write(Path file, byte[]... parts) throws IOException {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        Files.write(file, b.array());
        return file;
    }

    /** A .npy file whose header text is {@code dict} (padded as numpy pads it) and whose data is {@code data}. */
    static Path withHeader(Path file, String dict, byte[] data) throws IOException {
        int total = 10 + dict.length() + 1;
        String text = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer prefix = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        return write(file, prefix.array(), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), data);
    }

    /** The names of the files in {@code folder} (to check that no temporary file is left). */
    static String[] list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
