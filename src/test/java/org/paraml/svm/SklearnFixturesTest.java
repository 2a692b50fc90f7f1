package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.linalg.Matrix;
import org.paraml.testing.JsonArrays;

/**
 * ParaML's SVC against scikit-learn 1.2's on the cases of {@code fixtures/svc/svc_cases.json}
 * (made by {@code make_svc_fixtures.py}): binary and 3- and 4-class problems, the four kernels and
 * a precomputed one, gamma 'scale'/'auto'/numbers, class weights (dict and 'balanced'), sample
 * weights with zeros, shrinking off, tiny C, max_iter (also reached after shrinking, with a cache too small
 * for the whole matrix), 'ovr'/'ovo', break_ties, probabilities.
 *
 * <p>Tolerances: exact for classes, n_support, support, support vectors, fit_status, n_iter (the
 * SMO takes the same steps) and labels; 1e-9 of {@code max(1, |value|)} for dual coefficients,
 * intercepts, decision values, coef_, Platt's A and B, and (log) probabilities; gamma within 1
 * ulp. (Observed on the scalar and SIMD backends: every value within 1e-13. scikit-learn computes
 * kernel values in C with BLAS dot products, ParaML with its backend, so a float32 cache entry
 * could differ in its last bit; 1e-9 leaves room for that and for other backends.)
 */
class SklearnFixturesTest {
    private static final double TOL = 1e-9;
    private static final JsonNode ROOT = load("/fixtures/svc/svc_cases.json");

    static JsonNode load(String resource) {
        try (InputStream in = SklearnFixturesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            out.add(Arguments.of(c.get("name").asText(), c));
        }
        return out.stream();
    }

    static Matrix matrix(JsonNode rows) {
        return JsonArrays.matrixOfRows(rows);
    }

    static double[] doubles(JsonNode a) {
        return JsonArrays.doubles(a);
    }

    static int[] ints(JsonNode a) {
        return JsonArrays.ints(a);
    }

    static SVC estimator(JsonNode params) {
        Map<String, Object> m = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            JsonNode v = e.getValue();
            Object value;
            if (e.getKey().equals("class_weight") && v.isObject()) {
                Map<Integer, Double> w = new TreeMap<>();
                v.properties().forEach(f -> w.put(Integer.parseInt(f.getKey()), f.getValue().asDouble()));
                value = w;
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else if (v.isInt() || v.isLong()) {
                value = e.getKey().equals("random_state") ? (Object) v.asLong() : (Object) v.asInt();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else if (v.isNull()) {
                value = null;
            } else {
                value = v.asText();
            }
            m.put(e.getKey(), value);
        }
        return new SVC().withParams(m);
    }

    static Matrix gram(Matrix a, Matrix b) {
        Matrix g = Matrix.zeros(a.rows(), b.rows());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.rows(); j++) {
                double s = 0;
                for (int f = 0; f < a.cols(); f++) {
                    s += a.get(i, f) * b.get(j, f);
                }
                g.set(i, j, s);
            }
        }
        return g;
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    static void assertClose(JsonNode expected, Matrix actual, double tol, String what) {
        if (expected.size() > 0 && !expected.get(0).isArray()) {
            // a 1-d scikit-learn result: our n x 1 column
            assertClose(doubles(expected), actual.column(0), tol, what);
            return;
        }
        assertEquals(expected.size(), actual.rows(), what + " rows");
        for (int i = 0; i < expected.size(); i++) {
            assertClose(doubles(expected.get(i)), actual.row(i), tol, what + " row " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesScikitLearn(String name, JsonNode c) {
        JsonNode ds = ROOT.get("datasets").get(c.get("dataset").asText());
        Matrix x = matrix(ds.get("X"));
        int[] y = ints(ds.get("y"));
        Matrix xt = matrix(ds.get("X_test"));
        SVC svc = estimator(c.get("params"));
        Matrix xFit = x;
        Matrix xPred = xt;
        if (svc.kernel() == SVC.Kernel.PRECOMPUTED) {
            xFit = gram(x, x);
            xPred = gram(xt, x);
        }
        double[] sw = c.get("sample_weight").isNull() ? null : doubles(c.get("sample_weight"));
        SVCModel m = svc.fit(xFit, y, sw);

        assertArrayEquals(ints(c.get("classes")), m.classes(), "classes");
        assertEquals(c.get("gamma").asDouble(), m.gamma(), Math.ulp(c.get("gamma").asDouble()), "gamma");
        assertArrayEquals(ints(c.get("n_support")), m.nSupport(), "n_support");
        assertArrayEquals(ints(c.get("support")), sklearnSupport(m.support(), sw), "support");
        if (c.has("support_vectors")) {
            assertClose(c.get("support_vectors"), m.supportVectors(), 0, "support_vectors");
        }
        assertEquals(c.get("fit_status").asInt(), m.fitStatus(), "fit_status");
        int[] iters = ints(c.get("n_iter"));
        for (int p = 0; p < iters.length; p++) {
            assertEquals(iters[p], m.nIter()[p], "n_iter[" + p + "]");
        }
        assertClose(c.get("dual_coef"), m.dualCoef(), TOL, "dual_coef");
        assertClose(doubles(c.get("intercept")), m.intercept(), TOL, "intercept");
        assertClose(c.get("decision_function"), m.decisionFunction(xPred), TOL, "decision_function");
        assertClose(c.get("decision_function_train"), m.decisionFunction(xFit), TOL, "decision_function(train)");
        assertArrayEquals(ints(c.get("predict")), m.predict(xPred), "predict");
        if (c.has("coef")) {
            assertClose(c.get("coef"), m.coef(), TOL, "coef");
        }
        if (c.has("predict_break_ties")) {
            SVCModel bt = svc.breakTies(true).decisionFunctionShape("ovr").fit(xFit, y, sw);
            assertArrayEquals(ints(c.get("predict_break_ties")), bt.predict(xPred), "predict(break_ties)");
        }
        if (c.has("probA")) {
            assertClose(doubles(c.get("probA")), m.probA(), TOL, "probA");
            assertClose(doubles(c.get("probB")), m.probB(), TOL, "probB");
            assertClose(c.get("predict_proba"), m.predictProba(xPred), TOL, "predict_proba");
            assertClose(c.get("predict_log_proba"), m.predictLogProba(xPred), TOL, "predict_log_proba");
        }
    }

    /**
     * scikit-learn 1.2 numbers support vectors among the rows with positive weight (libsvm drops the
     * others first); ParaML numbers them among all training rows.
     */
    static int[] sklearnSupport(int[] support, double[] sw) {
        if (sw == null) {
            return support;
        }
        int[] keptIndex = new int[sw.length];
        for (int i = 0, k = 0; i < sw.length; i++) {
            keptIndex[i] = sw[i] > 0 ? k++ : -1;
        }
        int[] out = new int[support.length];
        for (int s = 0; s < support.length; s++) {
            out[s] = keptIndex[support[s]];
            assertTrue(out[s] >= 0, "a support vector with weight 0");
        }
        return out;
    }

    @Test
    void randomStateSeedsAsNumpy() {
        ROOT.get("random_state_seeds").properties().forEach(e ->
                assertEquals(e.getValue().asInt(), SklearnRandom.deriveSeed(Long.parseLong(e.getKey())),
                        "seed for random_state=" + e.getKey()));
    }
}
