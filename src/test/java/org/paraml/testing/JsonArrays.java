package org.paraml.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.paraml.linalg.Matrix;

/**
 * Arrays and matrices out of the JSON fixtures that scikit-learn scripts wrote (the tests' one reader
 * of them). Numbers may also come as strings, as Python's json module writes "NaN" and "Infinity".
 */
public final class JsonArrays {
    private JsonArrays() {
    }

    /** The numbers of a JSON array. */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
        }
        return out;
    }

    public static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    public static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    /** A row-major matrix from a flat array and a [rows, cols] shape. */
    public static Matrix matrix(JsonNode flat, JsonNode shape) {
        return Matrix.wrap(doubles(flat), shape.get(0).intValue(), shape.get(1).intValue());
    }

    /** A matrix from a JSON list of rows (all of one length). */
    public static Matrix matrixOfRows(JsonNode rows) {
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubles(rows.get(i));
        }
        return Matrix.of(values);
    }
}
