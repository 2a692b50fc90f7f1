package org.paraml.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's text for numbers and values, so that verbose lines are byte-equal to scikit-learn's:
 * {@code str(value)} of a parameter value, {@code f"{x:.3f}"}, and joblib's {@code short_format_time}.
 * Python rounds the exact binary value half to even ({@code f"{0.6665:.3f}"} is {@code 0.666}
 * because 0.6665 is stored as 0.66649999…), unlike {@link String#format}. Error messages use it
 * too, to name a rejected value as scikit-learn does ({@code 1e-05}, not {@code 1.0E-5}), and an integer
 * array as numpy prints it ({@link #numpyStr}).
 */
public final class PythonFormat {
    private PythonFormat() {
    }

    /** {@code str(v)}: None, True/False, ints, float repr, strings as they are. */
    public static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return floatRepr(d);
        }
        if (v instanceof Float f) {
            return floatRepr(Double.parseDouble(Float.toString(f)));
        }
        return v.toString();
    }

    /** Python's {@code repr(float)}: the shortest round-tripping digits, exponent form outside [1e-4, 1e16). */
    public static String floatRepr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(x);
        String sign = x < 0 ? "-" : "";
        BigDecimal abs = shortest.abs().stripTrailingZeros();
        String digits = abs.unscaledValue().toString();
        // value = 0.digits × 10^decpt
        int decpt = digits.length() - abs.scale();
        StringBuilder sb = new StringBuilder(sign);
        if (decpt <= -4 || decpt > 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            if (e.length() < 2) {
                sb.append('0');
            }
            sb.append(e);
        } else if (decpt <= 0) {
            sb.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /** The shortest decimal that parses back to {@code x}; among equally short ones, the nearest. */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (Double.parseDouble(c.toString()) == x) {
                    if (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = c;
                    }
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact.round(MathContext.DECIMAL64);
    }

    /** {@code f"{x:.{decimals}f}"}: the exact binary value rounded half to even; nan, inf, -0.000. */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        BigDecimal r = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN);
        String s = r.toPlainString();
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        if (negative && r.signum() == 0) {
            s = "-" + s;
        }
        return s;
    }

    /** {@code "%{width}.{decimals}f" % x}: {@link #fixed} padded on the left with spaces. */
    public static String fixed(double x, int width, int decimals) {
        String s = fixed(x, decimals);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** joblib's {@code short_format_time(t)}: {@code " %5.1fs"}, or {@code "%4.1fmin"} above 60 s. */
    public static String shortFormatTime(double seconds) {
        if (seconds > 60) {
            return fixed(seconds / 60., 4, 1) + "min";
        }
        return " " + fixed(seconds, 5, 1) + "s";
    }

    /**
     * numpy's {@code str()} of a 1-D integer array: every element right-aligned to the widest, separated by
     * a space, lines wrapped before 75 columns with a one-space indent ({@code "[-2  9]"}). Arrays of more
     * than 1,000 elements, which numpy summarises with "...", are written in full.
     */
    public static String numpyStr(int[] a) {
        int width = 0;
        for (int v : a) {
            width = Math.max(width, Integer.toString(v).length());
        }
        StringBuilder s = new StringBuilder();
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < a.length; i++) {
            String v = Integer.toString(a[i]);
            String word = " ".repeat(width - v.length()) + v;
            // numpy's _extendLine_pretty: wrap when the word would pass column 74, never on an empty line
            if (line.length() + word.length() > 74 && line.length() > 1) {
                s.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(" ");
            }
            line.append(word);
            if (i < a.length - 1) {
                line.append(' ');
            }
        }
        s.append(line);
        return "[" + s.substring(1) + "]";
    }
}
