package org.paraml.selection;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The settings shared by both searches; copied on every change, never shared mutable. */
final class SearchSettings implements Cloneable {
    String scoring;
    Scorer scorer;
    int nJobs = 1;
    boolean refit = true;
    int cvFolds = 5;
    CrossValidator cv;
    int verbose;
    ErrorScore errorScore = ErrorScore.NAN;
    boolean returnTrainScore;
    Path journal;
    Consumer<String> verboseSink;
    ProgressListener progress;
    SearchExecutor executor;
    /** The shared-work budget in bytes; negative: {@link org.paraml.estimator.SharedWork#defaultBudgetBytes()}. */
    long sharedWorkBytes = -1;

    SearchSettings copy() {
        try {
            return (SearchSettings) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The scorer to use: the named one, the custom one, or the model's own score. */
    Scorer resolveScorer() {
        if (scorer != null) {
            return scorer;
        }
        return scoring == null ? Scorers.modelScore() : Scorers.get(scoring);
    }

    /** The shared-work budget in bytes for a search starting now. */
    long resolveSharedWorkBytes() {
        return sharedWorkBytes >= 0 ? sharedWorkBytes : org.paraml.estimator.SharedWork.defaultBudgetBytes();
    }

    /** The scorer's name for messages and fingerprints. */
    String scorerName() {
        if (scorer != null) {
            return scorer.toString();
        }
        return scoring == null ? "score" : scoring;
    }
}
