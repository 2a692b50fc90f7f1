package org.paraml.selection;

import java.math.BigInteger;

/** The parameter values a grid may hold: numbers, booleans, strings and null (Python's None). */
final class ParameterValues {
    private ParameterValues() {
    }

    static void check(String parameter, Object value) {
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return;
        }
        throw new IllegalArgumentException("Parameter value " + value + " for parameter '" + parameter + "' is a "
                + value.getClass().getName() + "; a grid holds numbers, booleans, strings or null");
    }

    /** A stable text for fingerprints: the type and the value ({@code d:0.001}, {@code i:10}, {@code s:rbf}). */
    static String canonical(Object v) {
        if (v == null) {
            return "n:";
        }
        if (v instanceof Boolean b) {
            return "b:" + b;
        }
        if (v instanceof Double || v instanceof Float) {
            return "d:" + Double.toString(((Number) v).doubleValue());
        }
        if (v instanceof Number n) {
            return "i:" + n;
        }
        return "s:" + v.getClass().getName().replace("java.lang.", "") + ":" + v;
    }
}
