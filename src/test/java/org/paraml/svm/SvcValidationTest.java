package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.paraml.linalg.Matrix;

/** Bad input at the public boundary: each error names the parameter, the bad value and what is allowed. */
class SvcValidationTest {
    private static final TestData.Points P = TestData.blobs(12, 2, 2, 2.0, 1);

    private static String message(Class<? extends Throwable> type, Executable call) {
        return assertThrows(type, call).getMessage();
    }

    private static String bad(Executable call) {
        return message(IllegalArgumentException.class, call);
    }

    @Test
    void oneClassOnly() {
        assertEquals("The number of classes has to be greater than one; got 1 class",
                bad(() -> new SVC().fit(P.x(), new int[12])));
    }

    @Test
    void nanAndInfinity() {
        Matrix x = P.x().copy();
        x.set(2, 1, Double.NaN);
        assertTrue(bad(() -> new SVC().fit(x, P.y())).startsWith("Input X contains NaN (first at row 2, column 1)"));
        x.set(2, 1, Double.NEGATIVE_INFINITY);
        assertTrue(bad(() -> new SVC().fit(x, P.y())).startsWith("Input X contains infinity (first at row 2, column 1)"));
        SVCModel m = new SVC().fit(P.x(), P.y());
        assertTrue(bad(() -> m.predict(x)).startsWith("Input X contains infinity"));
        double[] w = new double[12];
        java.util.Arrays.fill(w, 1);
        w[3] = Double.NaN;
        assertTrue(bad(() -> new SVC().fit(P.x(), P.y(), w)).startsWith("Input sample_weight contains NaN (first at index 3)"));
    }

    @Test
    void predictingNoSamplesIsAnErrorAsInScikitLearn() {
        SVCModel m = new SVC().probability(true).randomState(0L).fit(P.x(), P.y());
        String expected = "Found array with 0 sample(s) (shape=(0, 2)) while a minimum of 1 is required by SVC.";
        Matrix none = Matrix.zeros(0, 2);
        assertEquals(expected, bad(() -> m.predict(none)));
        assertEquals(expected, bad(() -> m.decisionFunction(none)));
        assertEquals(expected, bad(() -> m.predictProba(none)));
        assertEquals(expected, bad(() -> m.score(none, new int[0])));
        assertEquals(expected, bad(() -> new SVC().fit(none, new int[0])));
    }

    @Test
    void lengthsDiffer() {
        assertEquals("Found input variables with inconsistent numbers of samples: [12, 5]",
                bad(() -> new SVC().fit(P.x(), java.util.Arrays.copyOf(P.y(), 5))));
        assertEquals("sample_weight has 3 values but X has 12 samples: they must have the same length",
                bad(() -> new SVC().fit(P.x(), P.y(), new double[3])));
    }

    @Test
    void cNotPositive() {
        assertEquals("The 'C' parameter of SVC must be a float in the range (0.0, inf). Got -1.0 instead.",
                bad(() -> new SVC().C(-1)));
        assertEquals("The 'C' parameter of SVC must be a float in the range (0.0, inf). Got 0.0 instead.",
                bad(() -> new SVC().c(0)));
        assertEquals("The 'C' parameter of SVC must be a float in the range (0.0, inf). Got -1e-05 instead.",
                bad(() -> new SVC().C(-1e-5)), "Python's repr of the value, as scikit-learn prints it");
        assertEquals("The 'C' parameter of SVC must be a float in the range (0.0, inf). Got nan instead.",
                bad(() -> new SVC().withParams(Map.of("C", Double.NaN))));
    }

    @Test
    void unknownKernel() {
        assertEquals("The 'kernel' parameter of SVC must be a str among {'linear', 'poly', 'rbf', 'sigmoid', "
                + "'precomputed'}. Got 'foo' instead.", bad(() -> new SVC().kernel("foo")));
    }

    @Test
    void gammaNotPositive() {
        assertEquals("The 'gamma' parameter of SVC must be a str among {'auto', 'scale'} or a float in the range "
                + "[0.0, inf). Got -1.0 instead.", bad(() -> new SVC().gamma(-1.0)));
        assertEquals("The 'gamma' parameter of SVC must be a str among {'auto', 'scale'} or a float in the range "
                + "[0.0, inf). Got 'foo' instead.", bad(() -> new SVC().gamma("foo")));
        // scikit-learn 1.2 accepts 0: every rbf value is 1, and the fit still runs
        assertEquals(0.0, new SVC().gamma(0.0).fit(org.paraml.linalg.Matrix.of(new double[][] {{0}, {1}, {2}, {3}}),
                new int[] {0, 0, 1, 1}).gamma());
    }

    @Test
    void degreeNegative() {
        assertEquals("The 'degree' parameter of SVC must be an int in the range [0, inf). Got -1 instead.",
                bad(() -> new SVC().degree(-1)));
    }

    @Test
    void precomputedNotSquare() {
        assertEquals("Precomputed matrix must be a square matrix. Input is a 12x2 matrix.",
                bad(() -> new SVC().kernel("precomputed").fit(P.x(), P.y())));
        SVCModel m = new SVC().kernel("precomputed").fit(SklearnFixturesTest.gram(P.x(), P.x()), P.y());
        assertEquals("X.shape[1] = 2 should be equal to 12, the number of samples at training time",
                bad(() -> m.predict(P.x())));
    }

    @Test
    void negativeSampleWeights() {
        double[] w = new double[12];
        java.util.Arrays.fill(w, 1);
        w[4] = -0.5;
        assertEquals("Negative values in data passed to `sample_weight` (first at index 4: -0.5); weights must be >= 0.",
                bad(() -> new SVC().fit(P.x(), P.y(), w)));
    }

    @Test
    void zeroWeights() {
        assertEquals("Invalid input - all samples have zero or negative weights.",
                bad(() -> new SVC().fit(P.x(), P.y(), new double[12])));
        double[] w = new double[12];
        for (int i = 0; i < 12; i++) {
            w[i] = P.y()[i] == 0 ? 1 : 0;
        }
        assertEquals("Invalid input - all samples with positive weights have the same label.",
                bad(() -> new SVC().fit(P.x(), P.y(), w)));
        TestData.Points three = TestData.blobs(30, 2, 3, 2.0, 2);
        double[] w3 = new double[30];
        for (int i = 0; i < 30; i++) {
            w3[i] = three.y()[i] == 1 ? 0 : 1;
        }
        assertEquals("Invalid input - class 1 has no sample with a positive weight in sample_weight.",
                bad(() -> new SVC().fit(three.x(), three.y(), w3)));
    }

    @Test
    void otherParameters() {
        assertEquals("The 'tol' parameter of SVC must be a float in the range (0.0, inf). Got 0.0 instead.",
                bad(() -> new SVC().tol(0)));
        assertEquals("The 'cache_size' parameter of SVC must be a float in the range (0, inf). Got 0.0 instead.",
                bad(() -> new SVC().cacheSize(0)));
        assertEquals("The 'max_iter' parameter of SVC must be an int in the range [-1, inf). Got -2 instead.",
                bad(() -> new SVC().maxIter(-2)));
        assertEquals("The 'decision_function_shape' parameter of SVC must be a str among {'ovo', 'ovr'}. Got 'x' instead.",
                bad(() -> new SVC().decisionFunctionShape("x")));
        assertEquals("The 'class_weight' parameter of SVC must be a str among {'balanced'}, an instance of 'dict' "
                + "or None. Got 'heavy' instead.", bad(() -> new SVC().classWeight("heavy")));
        assertEquals("The 'random_state' parameter must be None or an integer in [0, 2**32 - 1]. Got -1 instead.",
                bad(() -> new SVC().randomState(-1L)));
        assertEquals("The 'coef0' parameter of SVC must be a float in the range (-inf, inf). Got inf instead.",
                bad(() -> new SVC().coef0(Double.POSITIVE_INFINITY)));
        assertEquals("Invalid parameter 'foo' for estimator SVC(). Valid parameters are: ['C', 'break_ties', "
                + "'cache_size', 'class_weight', 'coef0', 'decision_function_shape', 'degree', 'gamma', 'kernel', "
                + "'max_iter', 'probability', 'random_state', 'shrinking', 'tol', 'verbose'].",
                bad(() -> new SVC().withParams(Map.of("foo", 1))));
        assertEquals("The 'degree' parameter of SVC must be an int. Got 2.5 instead.",
                bad(() -> new SVC().withParams(Map.of("degree", 2.5))));
    }

    @Test
    void classWeightWithUnknownClasses() {
        assertEquals("The classes, [1], are not in class_weight",
                bad(() -> new SVC().classWeight(Map.of(0, 1.0, 5, 2.0)).fit(P.x(), P.y())));
    }

    @Test
    void predictionErrors() {
        SVCModel m = new SVC().fit(P.x(), P.y());
        assertEquals("X has 1 features, but SVC is expecting 2 features as input.",
                bad(() -> m.predict(Matrix.zeros(3, 1))));
        assertEquals("predict_proba is not available when probability=False",
                message(UnsupportedOperationException.class, () -> m.predictProba(P.x())));
        assertEquals("coef_ is only available when using a linear kernel (kernel='rbf')",
                message(IllegalStateException.class, m::coef));
        SVCModel ovo = new SVC().breakTies(true).decisionFunctionShape("ovo").fit(P.x(), P.y());
        assertEquals("break_ties must be False when decision_function_shape is 'ovo'",
                message(IllegalStateException.class, () -> ovo.predict(P.x())));
    }
}
