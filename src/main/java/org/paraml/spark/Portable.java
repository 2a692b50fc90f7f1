package org.paraml.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies hyperparameter values into plain serializable containers (LinkedHashMap, ArrayList, LinkedHashSet) so they can
 * travel to executors; values themselves must be numbers, booleans, strings, null, enums or other
 * {@link Serializable} values.
 */
final class Portable {
    private Portable() {
    }

    /** A serializable copy of {@code params}, keeping the order. */
    static Map<String, Object> params(Map<String, ?> params, String owner) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, value(v, owner + " parameter '" + k + "'")));
        return out;
    }

    private static Object value(Object v, String what) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String || v instanceof Enum<?>) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(value(k, what), value(x, what)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(value(x, what));
            }
            return out;
        }
        if (v instanceof Set<?> s) {
            Set<Object> out = new LinkedHashSet<>();
            for (Object x : s) {
                out.add(value(x, what));
            }
            return out;
        }
        if (v instanceof Serializable) {
            return v;
        }
        throw new IllegalArgumentException(what + " has a value of type " + v.getClass().getName()
                + " that cannot be sent to Spark executors (it is not Serializable)");
    }
}
