package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link SampleWithoutReplacement} against scikit-learn 1.2 (fixtures/sample_without_replacement.json). */
class SampleWithoutReplacementTest {

    @Test
    void everyFixtureCaseIsReproduced() {
        JsonNode cases = Fixtures.read("sample_without_replacement.json").get("cases");
        assertTrue(cases.size() >= 10);
        for (JsonNode c : cases) {
            SampleWithoutReplacement.Method method = SampleWithoutReplacement.Method.valueOf(
                    c.get("method").textValue().toUpperCase(Locale.ROOT));
            int[] got = SampleWithoutReplacement.sample(c.get("n_population").intValue(),
                    c.get("n_samples").intValue(), method, new RandomState(c.get("seed").longValue()));
            assertArrayEquals(Fixtures.ints(c.get("values")), got, c.toString());
        }
    }

    @Test
    void samplesAreDistinctAndInRange() {
        RandomState rng = new RandomState(42);
        for (SampleWithoutReplacement.Method m : SampleWithoutReplacement.Method.values()) {
            for (int[] sizes : new int[][] {{1000, 3}, {1000, 500}, {1000, 999}, {7, 7}}) {
                int[] s = SampleWithoutReplacement.sample(sizes[0], sizes[1], m, rng);
                assertEquals(sizes[1], s.length);
                assertEquals(sizes[1], Arrays.stream(s).distinct().count(), m + " " + Arrays.toString(sizes));
                assertTrue(Arrays.stream(s).allMatch(v -> v >= 0 && v < sizes[0]));
            }
        }
    }

    @Test
    void tooManySamplesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleWithoutReplacement.sample(3, 4, new RandomState(0)));
        assertTrue(e.getMessage().contains("n_population should be greater or equal than n_samples"), e.getMessage());
        assertTrue(e.getMessage().contains("(4 > 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SampleWithoutReplacement.sample(-1, 0, new RandomState(0)));
    }
}
