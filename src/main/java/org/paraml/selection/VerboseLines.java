package org.paraml.selection;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.paraml.data.PythonFormat;

/**
 * The lines scikit-learn 1.2 prints for a search with {@code verbose > 0}, byte for byte
 * ({@code BaseSearchCV.fit} and {@code _fit_and_score}):
 * <pre>
 * verbose ≥ 1  Fitting 5 folds for each of 4 candidates, totalling 20 fits
 * verbose ≥ 2  [CV] END .....................................C=0.001, kernel=rbf; total time=   1.2s
 * verbose ≥ 3  [CV 1/5] END ....C=0.001, kernel=rbf;, score=0.900 total time=   0.0s
 *              [CV 1/5] END C=1, kernel=rbf;, score=(train=0.950, test=0.900) total time=   0.0s
 * verbose ≥ 10 [CV 1/5; 2/4] START C=1, kernel=rbf.................................................
 * </pre>
 * Parameters are sorted by name and printed as Python's {@code str()}; scores as {@code %.3f};
 * times by joblib's {@code short_format_time}; the END line is padded with dots to 80 characters.
 */
final class VerboseLines {
    private static final int WIDTH = 80;

    private VerboseLines() {
    }

    /** {@code "Fitting {n_splits} folds for each of {n_candidates} candidates, totalling {n} fits"}. */
    static String fitting(int nSplits, int nCandidates) {
        return "Fitting " + nSplits + " folds for each of " + nCandidates + " candidates, totalling "
                + ((long) nSplits * nCandidates) + " fits";
    }

    /** The START line (verbose > 9). */
    static String start(int verbose, Map<String, Object> params, int fold, int nSplits, int candidate, int nCandidates) {
        String msg = "[CV" + progress(verbose, fold, nSplits, candidate, nCandidates) + "] START " + params(params);
        return msg + ".".repeat(Math.max(0, WIDTH - length(msg)));
    }

    /**
     * The END line (verbose > 1) of one fit.
     *
     * @param params the candidate's parameters, or null for a cross-validation without parameters
     */
    static String end(int verbose, Map<String, Object> params, int fold, int nSplits, int candidate, int nCandidates,
                      double testScore, double trainScore, boolean returnTrainScore, double fitTime, double scoreTime) {
        String endMsg = "[CV" + progress(verbose, fold, nSplits, candidate, nCandidates) + "] END ";
        String p = params == null ? "" : params(params);
        StringBuilder result = new StringBuilder(p).append(p.isEmpty() ? "" : ";");
        if (verbose > 2) {
            result.append(", score=");
            if (returnTrainScore) {
                result.append("(train=").append(PythonFormat.fixed(trainScore, 3)).append(", test=")
                        .append(PythonFormat.fixed(testScore, 3)).append(')');
            } else {
                result.append(PythonFormat.fixed(testScore, 3));
            }
        }
        double total = scoreTime + fitTime;
        result.append(" total time=").append(PythonFormat.shortFormatTime(total));
        int dots = WIDTH - length(endMsg) - length(result);
        return endMsg + ".".repeat(Math.max(0, dots)) + result;
    }

    private static String progress(int verbose, int fold, int nSplits, int candidate, int nCandidates) {
        String msg = "";
        if (verbose > 2 && fold >= 0) {
            msg = " " + (fold + 1) + "/" + nSplits;
        }
        if (verbose > 9 && candidate >= 0) {
            msg += "; " + (candidate + 1) + "/" + nCandidates;
        }
        return msg;
    }

    /** {@code ", ".join(f"{k}={params[k]}" for k in sorted(params))}. */
    static String params(Map<String, Object> params) {
        StringJoiner j = new StringJoiner(", ");
        new TreeMap<>(params).forEach((k, v) -> j.add(k + "=" + PythonFormat.str(v)));
        return j.toString();
    }

    private static int length(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }
}
