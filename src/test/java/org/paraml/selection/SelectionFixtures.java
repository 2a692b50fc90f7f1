package org.paraml.selection;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paraml.linalg.Matrix;
import org.paraml.testing.JsonArrays;

/**
 * Reads the JSON fixtures that {@code src/test/resources/fixtures/selection/make_selection_fixtures.py}
 * wrote with scikit-learn 1.2 (Python's json: NaN is a bare token).
 */
final class SelectionFixtures {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private SelectionFixtures() {
    }

    static JsonNode read(String name) {
        String path = "/fixtures/selection/" + name;
        try (InputStream in = SelectionFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + path + " is missing; regenerate it with /usr/bin/python3 "
                        + "src/test/resources/fixtures/selection/make_selection_fixtures.py");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Python value written as {"type": ..., "value": ...}, as the Java object a grid would hold. */
    static Object value(JsonNode typed) {
        JsonNode v = typed.get("value");
        return switch (typed.get("type").asText()) {
            case "int" -> v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
            case "float" -> v.doubleValue();
            case "bool" -> v.booleanValue();
            case "none" -> null;
            default -> v.asText();
        };
    }

    /** A parameter set, keys in the fixture's order. */
    static Map<String, Object> params(JsonNode obj) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), value(e.getValue()));
        }
        return m;
    }

    static List<Map<String, Object>> paramsList(JsonNode array) {
        List<Map<String, Object>> out = new ArrayList<>();
        array.forEach(p -> out.add(params(p)));
        return out;
    }

    /** A grid: name → list of typed values. */
    static Map<String, List<Object>> grid(JsonNode obj) {
        Map<String, List<Object>> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Object> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(value(v)));
            m.put(e.getKey(), values);
        }
        return m;
    }

    static double[] doubles(JsonNode array) {
        return JsonArrays.doubles(array);
    }

    static int[] ints(JsonNode array) {
        return JsonArrays.ints(array);
    }

    static Matrix matrix(JsonNode flat, JsonNode shape) {
        return JsonArrays.matrix(flat, shape);
    }
}
