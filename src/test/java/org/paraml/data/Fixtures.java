package org.paraml.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.paraml.linalg.Matrix;

/**
 * Reads the JSON fixtures that {@code src/test/resources/fixtures/make_datasets.py} wrote with
 * numpy and scikit-learn ({@code .json}, or gzip-compressed {@code .json.gz}).
 */
final class Fixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {
    }

    static JsonNode read(String name) {
        String path = "/fixtures/" + name;
        try (InputStream raw = Fixtures.class.getResourceAsStream(path)) {
            if (raw == null) {
                throw new IllegalStateException("fixture " + path + " is missing from the test class path; "
                        + "regenerate it with /usr/bin/python3 src/test/resources/fixtures/make_datasets.py");
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + path, e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).longValue();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    /** A row-major matrix from a flat array and a [rows, cols] shape. */
    static Matrix matrix(JsonNode flat, JsonNode shape) {
        return Matrix.wrap(doubles(flat), shape.get(0).intValue(), shape.get(1).intValue());
    }

    /** A matrix from a JSON list of rows. */
    static Matrix matrixOfRows(JsonNode rows) {
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubles(rows.get(i));
        }
        return Matrix.of(values);
    }
}
