package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paraml.linalg.Matrix;

/**
 * {@code gamma='scale'} against scikit-learn's {@code _gamma} to the last bit on arrays of more than 8,192
 * entries ({@code fixtures/svc/scale_gamma.json}, made by {@code make_scale_gamma_fixture.py}), where numpy's
 * {@code X.var()} sums the array in runs of its buffer size: a single pairwise sum over all entries was an ulp
 * or two off on most of these shapes.
 */
class ScaleGammaTest {
    private static final JsonNode ROOT = SklearnFixturesTest.load("/fixtures/svc/scale_gamma.json");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : ROOT.get("cases")) {
            out.add(Arguments.of(c.get("rows").asInt() + "x" + c.get("cols").asInt(), c));
        }
        return out.stream();
    }

    /** The generator's formula: {@code ((i·7919 + j·104729 + i² mod 9973) mod 20011) / 7 − (j + 1)·97.3}. */
    static Matrix data(int rows, int cols) {
        Matrix x = Matrix.zeros(rows, cols);
        for (long i = 0; i < rows; i++) {
            for (long j = 0; j < cols; j++) {
                long v = (i * 7919 + j * 104729 + (i * i) % 9973) % 20011;
                x.set((int) i, (int) j, v / 7.0 - (j + 1) * 97.3);
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scaleGammaIsScikitLearns(String name, JsonNode c) {
        Matrix x = data(c.get("rows").asInt(), c.get("cols").asInt());
        assertEquals(c.get("var").asDouble(), NumpySum.variance(x), 0.0, "X.var()");
        assertEquals(c.get("gamma").asDouble(), new SVC().resolveGamma(x), 0.0, "_gamma");
    }
}
