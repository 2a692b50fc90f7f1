package org.paraml.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.selection.GridSearchCV;
import org.paraml.selection.SearchResult;
import org.paraml.svm.SVC;

class SearchScoresTest {
    @Test
    void valuesAreSortedNumbersOrWordsInOrderOfAppearance() {
        SearchScores s = new SearchScores(List.of(Map.of("C", 10.0, "kernel", "poly"), Map.of("C", 0.5, "kernel", "rbf"),
                Map.of("C", 10.0, "kernel", "rbf"), Map.of("C", 2, "kernel", "poly")),
                new double[] {0.7, 0.8, 0.9, 0.6}, new double[4]);
        assertEquals(List.of("C", "kernel"), s.paramNames());
        assertTrue(s.isNumeric("C"));
        assertFalse(s.isNumeric("kernel"));
        assertEquals(List.of(0.5, 2, 10.0), s.values("C"));
        assertEquals(List.of("poly", "rbf"), s.values("kernel"));
        assertEquals(2, s.bestIndex());
        assertEquals(Map.of("C", 10.0, "kernel", "rbf"), s.bestParams());
        assertEquals(0.9, s.bestScore());
    }

    @Test
    void bestIsTheFirstHighestFiniteMean() {
        List<Map<String, Object>> p = List.of(Map.of("a", 1), Map.of("a", 2), Map.of("a", 3));
        assertEquals(1, new SearchScores(p, new double[] {Double.NaN, 0.5, 0.5}, new double[3]).bestIndex());
        assertEquals(0, new SearchScores(p, new double[] {Double.NaN, Double.NaN, Double.NaN}, new double[3]).bestIndex());
    }

    @Test
    void equalityIsByCandidatesAndScores() {
        assertEquals(Fabricated.tutorialGrid(), Fabricated.tutorialGrid());
        assertEquals(Fabricated.tutorialGrid().hashCode(), Fabricated.tutorialGrid().hashCode());
        assertNotEquals(Fabricated.tutorialGrid(), Fabricated.largerGrid());
    }

    @Test
    void rejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> new SearchScores(List.of(Map.of("a", 1)), new double[2], new double[1]));
        assertThrows(IllegalArgumentException.class, () -> new SearchScores(List.of(), new double[0], new double[0]));
    }

    @Test
    void takesTheScoresOfARealSearch() {
        Dataset d = new MakeClassification().nSamples(60).nFeatures(4).randomState(0).generate();
        SearchResult r = new GridSearchCV(new SVC().gamma("auto"),
                Map.of("C", List.of(0.1, 1.0), "kernel", List.of("rbf", "linear"))).cv(2).nJobs(1).fit(d.x(), d.y());
        SearchScores s = SearchScores.of(r);
        assertEquals(r.cvResults().params(), s.params());
        assertArrayEquals(r.cvResults().meanTestScore(), s.mean(), 0);
        assertArrayEquals(r.cvResults().stdTestScore(), s.std(), 0);
        assertEquals(r.bestIndex(), s.bestIndex());
        assertEquals(r.bestParams(), s.bestParams());
    }
}
