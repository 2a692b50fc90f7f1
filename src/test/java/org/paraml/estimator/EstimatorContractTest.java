package org.paraml.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

class EstimatorContractTest {
    private static final Matrix X = Matrix.of(new double[][] {{0, 0}, {0, 1}, {5, 5}, {6, 5}});
    private static final int[] Y = {0, 0, 1, 1};

    @Test
    void unknownParameterNamesListTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NearestCentroid().withParams(Map.of("shrinkk", 0.5)));
        assertEquals("Invalid parameter 'shrinkk' for estimator NearestCentroid(). Valid parameters are: "
                + "['fail_above', 'shrink'].", e.getMessage());
    }

    @Test
    void withParamsReturnsACopyAndLeavesTheOriginal() {
        NearestCentroid base = new NearestCentroid();
        NearestCentroid changed = base.withParams(Map.of("shrink", 0.25));
        assertEquals(0.0, base.getParams().get("shrink"));
        assertEquals(0.25, changed.getParams().get("shrink"));
        assertEquals(List.of("fail_above", "shrink"), List.copyOf(changed.getParams().keySet()));
    }

    @Test
    void classifierDefaultsScoreAndSignalMissingOptionalMethods() {
        Classifier model = new NearestCentroid().fit(X, Y);
        assertEquals(1.0, model.score(X, Y));
        Classifier bare = new Classifier() {
            @Override
            public int[] classes() {
                return new int[] {0, 1};
            }

            @Override
            public int[] predict(Matrix x) {
                return new int[x.rows()];
            }
        };
        assertEquals(0.5, bare.score(X, Y));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> bare.predictProba(X));
        assertTrue(e.getMessage().contains("predict_proba"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> bare.decisionFunction(X));
    }

    @Test
    void threadBudgetIsNotAParameter() {
        NearestCentroid e = new NearestCentroid().threads(4);
        assertEquals(new NearestCentroid().getParams(), e.getParams());
        assertThrows(IllegalArgumentException.class, () -> e.threads(0));
    }
}
