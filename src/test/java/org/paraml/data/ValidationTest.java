package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

class ValidationTest {
    @Test
    void nonFiniteValuesAreNamedWithTheirPosition() {
        Matrix x = Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Validation.checkFinite(x, "X"));
        assertTrue(e.getMessage().contains("Input X contains NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        Matrix inf = Matrix.of(new double[][] {{Double.NEGATIVE_INFINITY}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Validation.checkFinite(inf, "X"))
                .getMessage().contains("infinity"));
        assertDoesNotThrow(() -> Validation.checkFinite(x.selectRows(new int[] {0}), "X"), "views are checked row by row");
        assertThrows(IllegalArgumentException.class, () -> Validation.checkFinite(new double[] {1, Double.NaN}, "sample_weight"));
    }

    @Test
    void inconsistentLengthsUseScikitLearnsWording() {
        Matrix x = Matrix.zeros(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Validation.checkConsistentLength(x, new int[2]));
        assertEquals("Found input variables with inconsistent numbers of samples: [3, 2]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[4]));
    }

    @Test
    void shapeMinimums() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Validation.checkShape(Matrix.zeros(0, 3), "SVC", 1, 1));
        assertTrue(e.getMessage().contains("0 sample(s)") && e.getMessage().contains("minimum of 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Validation.checkShape(Matrix.zeros(3, 0), "SVC", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> Validation.checkSameFeatures(Matrix.zeros(2, 3), 4, "SVC"));
    }

    @Test
    void labels() {
        int[] y = {5, 2, 5, 9, 2, 5};
        int[] classes = Labels.classes(y);
        assertArrayEquals(new int[] {2, 5, 9}, classes);
        assertArrayEquals(new int[] {1, 0, 1, 2, 0, 1}, Labels.encode(y, classes));
        assertArrayEquals(new int[] {2, 3, 1}, Labels.counts(y, classes));
        assertThrows(IllegalArgumentException.class, () -> Labels.encode(new int[] {3}, classes));
    }
}
