package org.paraml.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values written on the command line ({@code --grid C=0.1,1,10}, {@code --set kernel=rbf}),
 * typed as Python would read the literals: integers ({@code 10}), floats ({@code 0.1}, {@code 1e-3},
 * {@code inf}), booleans ({@code true}/{@code True}), {@code none}/{@code None}, and strings for the rest.
 */
final class ParamValues {
    private ParamValues() {
    }

    /** One value. */
    static Object parse(String text) {
        String t = text.trim();
        switch (t) {
            case "true", "True" -> {
                return Boolean.TRUE;
            }
            case "false", "False" -> {
                return Boolean.FALSE;
            }
            case "none", "None", "null" -> {
                return null;
            }
            default -> {
                // fall through to numbers
            }
        }
        if (t.matches("[+-]?\\d+")) {
            try {
                long v = Long.parseLong(t);
                return v == (int) v ? (Object) (int) v : (Object) v;
            } catch (NumberFormatException e) {
                return Double.parseDouble(t);
            }
        }
        if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") || t.matches("[+-]?(inf|nan)")) {
            return Double.parseDouble(t.replace("inf", "Infinity").replace("nan", "NaN"));
        }
        return t;
    }

    /** {@code NAME=V1,V2,...} options into an ordered map name → values. */
    static Map<String, List<Object>> grid(String option, List<String> specs) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = split(option, spec);
            if (out.containsKey(kv[0])) {
                throw new IllegalArgumentException("invalid value for option '" + option + "': parameter '" + kv[0]
                        + "' is given twice; list all its values in one " + option + " " + kv[0] + "=V1,V2,...");
            }
            List<Object> values = new ArrayList<>();
            for (String v : kv[1].split(",", -1)) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("invalid value for option '" + option + "': '" + spec
                            + "' has an empty value (expected NAME=V1,V2,...)");
                }
                values.add(parse(v));
            }
            out.put(kv[0], values);
        }
        return out;
    }

    /** {@code NAME=V} options into an ordered map name → value. */
    static Map<String, Object> fixed(String option, List<String> specs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = split(option, spec);
            out.put(kv[0], parse(kv[1]));
        }
        return out;
    }

    private static String[] split(String option, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': '" + spec
                    + "' (expected NAME=VALUE" + (option.equals("--grid") ? "S, e.g. C=0.1,1,10" : ", e.g. kernel=rbf") + ")");
        }
        return new String[] {spec.substring(0, eq).trim(), spec.substring(eq + 1)};
    }
}
