package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.paraml.selection.GridSearchCV;
import org.junit.jupiter.api.Test;

/** The tutorial's searches have the Dask-ML tutorial's parameters (its Python cells, in comments). */
class TutorialCommandTest {
    /** {@code estimator = SVC(gamma='auto', random_state=0, probability=True)}. */
    private static void assertTutorialEstimator(GridSearchCV search) {
        Map<String, Object> p = search.estimator().getParams();
        assertEquals("auto", p.get("gamma"), p.toString());
        assertEquals(0L, ((Number) p.get("random_state")).longValue(), p.toString());
        assertEquals(true, p.get("probability"), p.toString());
        assertEquals(1.0, ((Number) p.get("C")).doubleValue(), p.toString());
        assertEquals("rbf", p.get("kernel"), p.toString());
    }

    /** {@code GridSearchCV(estimator, {'C': [0.001, 10.0], 'kernel': ['rbf', 'poly']}, verbose=2, cv=2[, n_jobs=-1])}. */
    @Test
    void theGridSearchIsTheTutorials() {
        for (int nJobs : new int[] {1, -1}) {
            GridSearchCV s = TutorialCommand.tutorialGridSearch(nJobs);
            assertTutorialEstimator(s);
            assertEquals(2, s.cvFolds());
            assertEquals(2, s.verbose());
            assertEquals(nJobs, s.nJobs());
            assertEquals(List.of(Map.of("C", 0.001, "kernel", "rbf"), Map.of("C", 0.001, "kernel", "poly"),
                    Map.of("C", 10.0, "kernel", "rbf"), Map.of("C", 10.0, "kernel", "poly")), s.candidates());
        }
    }

    /** {@code GridSearchCV(estimator, {'C': [0.001, 0.1, 1.0, 2.5, 5, 10.0]}, verbose=2, cv=5, n_jobs=-1)}. */
    @Test
    void theLargerGridIsTheTutorials() {
        GridSearchCV s = TutorialCommand.largerGridSearch();
        assertTutorialEstimator(s);
        assertEquals(5, s.cvFolds());
        assertEquals(2, s.verbose(), "the tutorial's larger grid prints one line per fit (verbose=2)");
        assertEquals(-1, s.nJobs());
        assertEquals(List.of(Map.of("C", 0.001), Map.of("C", 0.1), Map.of("C", 1.0), Map.of("C", 2.5), Map.of("C", 5),
                Map.of("C", 10.0)), s.candidates());
    }
}
