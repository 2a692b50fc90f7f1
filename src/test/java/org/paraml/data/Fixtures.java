package org.paraml.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.paraml.linalg.Matrix;
import org.paraml.testing.JsonArrays;

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
        return JsonArrays.doubles(array);
    }

    static long[] longs(JsonNode array) {
        return JsonArrays.longs(array);
    }

    static int[] ints(JsonNode array) {
        return JsonArrays.ints(array);
    }

    /** A row-major matrix from a flat array and a [rows, cols] shape. */
    static Matrix matrix(JsonNode flat, JsonNode shape) {
        return JsonArrays.matrix(flat, shape);
    }

    /** A matrix from a JSON list of rows. */
    static Matrix matrixOfRows(JsonNode rows) {
        return JsonArrays.matrixOfRows(rows);
    }
}
