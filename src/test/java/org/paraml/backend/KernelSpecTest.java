package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.paraml.backend.BackendContractTest.assertMessage;

import org.junit.jupiter.api.Test;

class KernelSpecTest {
    @Test
    void factoriesSetScikitLearnDefaults() {
        assertEquals(new KernelSpec(KernelType.RBF, 0.5, 0.0, 3), KernelSpec.rbf(0.5));
        assertEquals(KernelType.LINEAR, KernelSpec.linear().type());
        assertEquals("poly(gamma=0.5, coef0=1.0, degree=2)", KernelSpec.poly(0.5, 1, 2).toString());
    }

    @Test
    void gammaMustBePositiveForKernelsThatUseIt() {
        assertMessage(IllegalArgumentException.class, "gamma must be a finite number >= 0 for the rbf kernel, got -0.5",
                () -> KernelSpec.rbf(-0.5));
        assertEquals(0.0, KernelSpec.rbf(0).gamma()); // scikit-learn 1.2 allows gamma = 0
        assertMessage(IllegalArgumentException.class, "for the poly kernel, got -1.0", () -> KernelSpec.poly(-1, 0, 3));
        assertMessage(IllegalArgumentException.class, "for the sigmoid kernel, got NaN",
                () -> KernelSpec.sigmoid(Double.NaN, 0));
        assertMessage(IllegalArgumentException.class, "got Infinity", () -> KernelSpec.rbf(Double.POSITIVE_INFINITY));
        assertEquals(0.0, new KernelSpec(KernelType.LINEAR, 0.0, 0.0, 3).gamma());
    }

    @Test
    void degreeAndCoef0AreChecked() {
        assertMessage(IllegalArgumentException.class, "degree must be an integer >= 0, got -1",
                () -> KernelSpec.poly(1, 0, -1));
        assertMessage(IllegalArgumentException.class, "coef0 must be finite, got NaN",
                () -> KernelSpec.sigmoid(1, Double.NaN));
        assertMessage(NullPointerException.class, "type", () -> new KernelSpec(null, 1, 0, 3));
    }

    @Test
    void namesParseAsScikitLearnSpellsThem() {
        assertEquals(KernelType.POLY, KernelType.parse(" Poly "));
        assertMessage(IllegalArgumentException.class, "must be one of 'linear', 'poly', 'rbf', 'sigmoid'. Got 'gauss'",
                () -> KernelType.parse("gauss"));
    }
}
