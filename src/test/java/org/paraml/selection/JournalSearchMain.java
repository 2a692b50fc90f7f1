package org.paraml.selection;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.estimator.NearestCentroid;

/**
 * The search that {@link SearchJournalTest} kills midway in a separate JVM (run with
 * {@code -Dparaml.test.fitDelayMs=...} so that it is slow) and then resumes in-process.
 */
public final class JournalSearchMain {
    static final Dataset DATA = new MakeClassification().nSamples(150).nFeatures(4).nClasses(3).nInformative(3)
            .nRedundant(0).randomState(11).generate();

    private JournalSearchMain() {
    }

    static GridSearchCV search() {
        return new GridSearchCV(new NearestCentroid(),
                Map.of("shrink", List.of(0.0, 0.2, 0.4, 0.6, 0.8, 0.95), "fail_above", List.of(0.9)))
                .cv(new StratifiedKFold(3, true, 5L)).returnTrainScore(true);
    }

    /** {@code JournalSearchMain JOURNAL}: runs {@link #search()} with that journal, one fit at a time. */
    public static void main(String[] args) {
        search().journal(Path.of(args[0])).nJobs(1).fit(DATA.x(), DATA.y());
        System.out.println("done");
    }
}
