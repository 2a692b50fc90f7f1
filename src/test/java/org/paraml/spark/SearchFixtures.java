package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.selection.CvResults;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;

/** A small SVC grid search (the tutorial's, shrunk) and the comparison of two searches' cv_results. */
final class SearchFixtures {
    static final Dataset DATA = new MakeClassification().nSamples(240).nFeatures(4).randomState(0).generate();
    static final Map<String, List<?>> GRID = Map.of("C", List.of(0.1, 1.0, 10.0), "kernel", List.of("rbf", "poly"));

    private SearchFixtures() {
    }

    static GridSearchCV search() {
        return new GridSearchCV(new SVC(), GRID).cv(3).refit(false);
    }

    /** Equal cv_results apart from the times: params, every split's score, means, stds, ranks. */
    static void assertSameResults(SearchResult want, SearchResult got) {
        CvResults a = want.cvResults();
        CvResults b = got.cvResults();
        assertEquals(a.params(), b.params());
        assertArrayEquals(a.testScores(), b.testScores());
        assertArrayEquals(a.meanTestScore(), b.meanTestScore());
        assertArrayEquals(a.stdTestScore(), b.stdTestScore());
        assertArrayEquals(a.rankTestScore(), b.rankTestScore());
        assertEquals(a.hasTrainScores(), b.hasTrainScores());
        if (a.hasTrainScores()) {
            assertArrayEquals(a.meanTrainScore(), b.meanTrainScore());
        }
        assertEquals(want.fitFailures().size(), got.fitFailures().size());
    }
}
