package org.paraml.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Writes the one JSON object that {@code --json} promises as the last line of stdout. Field names
 * follow scikit-learn's attribute names (snake_case); callers pass a {@link java.util.LinkedHashMap}
 * so that the order is stable.
 */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonOutput() {
    }

    /** Serialises {@code fields} on one line. Non-finite doubles become strings "NaN"/"Infinity" (JSON has none). */
    static String toJson(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the result as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void print(PrintWriter out, Map<String, ?> fields) {
        out.println(toJson(fields));
        out.flush();
    }
}
