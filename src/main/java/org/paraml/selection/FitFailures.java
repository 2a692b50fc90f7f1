package org.paraml.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** scikit-learn's {@code _warn_or_raise_about_fit_failures}: all failed → an error, some → a warning. */
final class FitFailures {
    private static final System.Logger LOG = System.getLogger(FitFailures.class.getName());

    private FitFailures() {
    }

    static void warnOrRaise(List<FitFailure> failures, int nFits, ErrorScore errorScore) {
        if (failures.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        failures.forEach(f -> counts.merge(f.error(), 1, Integer::sum));
        String delimiter = "-".repeat(80) + "\n";
        StringBuilder summary = new StringBuilder();
        counts.forEach((error, n) -> {
            if (summary.length() > 0) {
                summary.append('\n');
            }
            summary.append(delimiter).append(n).append(" fits failed with the following error:\n").append(error);
        });
        if (failures.size() == nFits) {
            throw new SearchFailedException("\nAll the " + nFits + " fits failed.\n"
                    + "It is very likely that your model is misconfigured.\n"
                    + "You can try to debug the error by setting error_score='raise'.\n\n"
                    + "Below are more details about the failures:\n" + summary);
        }
        LOG.log(System.Logger.Level.WARNING, "\n" + failures.size() + " fits failed out of a total of " + nFits + ".\n"
                + "The score on these train-test partitions for these parameters will be set to " + errorScore + ".\n"
                + "If these failures are not expected, you can try to debug them by setting error_score='raise'.\n\n"
                + "Below are more details about the failures:\n" + summary);
    }
}
