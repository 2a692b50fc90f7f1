package org.paraml.selection;

/**
 * What one {@link FitTask} gave: scikit-learn's {@code _fit_and_score} output.
 *
 * @param candidate the candidate index
 * @param fold the split index
 * @param testScore the score on the test rows ({@code error_score} when the fit or the scoring failed)
 * @param trainScore the score on the training rows, or NaN when train scores were not asked for
 * @param fitTime seconds spent in fit (until the error, for a failed fit)
 * @param scoreTime seconds spent scoring (0 for a failed fit)
 * @param nTestSamples the number of test rows
 * @param fitError the failed fit's exception and stack trace, or null
 * @param scoreError the failed scoring's exception and stack trace, or null
 */
public record TaskResult(int candidate, int fold, double testScore, double trainScore, double fitTime,
                         double scoreTime, int nTestSamples, String fitError, String scoreError) {
    /** The task this is the result of. */
    public FitTask task() {
        return new FitTask(candidate, fold);
    }

    /** True when the fit failed. */
    public boolean failed() {
        return fitError != null;
    }
}
