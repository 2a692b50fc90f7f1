package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSamplerTest {
    private static final JsonNode FIXTURE = SelectionFixtures.read("parameter_sampler.json");

    @Test
    void listsOnlySpacesSampleTheGridWithoutReplacementAsScikitLearn() {
        for (JsonNode c : FIXTURE.get("lists")) {
            List<Map<String, List<Object>>> spaces = new ArrayList<>();
            c.get("grid").forEach(g -> spaces.add(SelectionFixtures.grid(g)));
            ParameterSampler s = new ParameterSampler(spaces, c.get("n_iter").intValue(), c.get("random_state").longValue());
            List<Map<String, Object>> expected = SelectionFixtures.paramsList(c.get("samples"));
            List<Map<String, Object>> actual = s.samples();
            assertEquals(expected, actual, c.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(List.copyOf(expected.get(i).keySet()), List.copyOf(actual.get(i).keySet()), "key order");
            }
            assertEquals(expected.size(), s.size());
            assertEquals(actual, s.samples(), "a seeded sampler draws the same sets every time");
        }
    }

    private static Map<String, Object> space() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("C", Distribution.loguniform(1e-3, 1e3));
        m.put("gamma", Distribution.uniform(0.5, 2.0));
        m.put("degree", Distribution.randint(2, 6));
        m.put("kernel", List.of("rbf", "poly"));
        m.put("u01", Distribution.uniform(0, 1));
        return m;
    }

    @Test
    void distributionsDrawScipysValues() {
        for (JsonNode c : FIXTURE.get("distributions")) {
            ParameterSampler s = new ParameterSampler(space(), c.get("n_iter").intValue(), c.get("random_state").longValue());
            assertSamples(SelectionFixtures.paramsList(c.get("samples")), s.samples());
        }
    }

    @Test
    void severalSpacesAreChosenAsNumpysChoice() {
        for (JsonNode c : FIXTURE.get("multiple")) {
            List<Map<String, Object>> spaces = List.of(
                    Map.of("C", Distribution.loguniform(1e-2, 1e2), "kernel", List.of("rbf")),
                    Map.of("degree", Distribution.randint(1, 4), "kernel", List.of("poly")));
            ParameterSampler s = new ParameterSampler(spaces, c.get("n_iter").intValue(), c.get("random_state").longValue());
            assertSamples(SelectionFixtures.paramsList(c.get("samples")), s.samples());
        }
    }

    /** Equal, except loguniform's pow, which may be one ulp off the C library's. */
    private static void assertSamples(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = expected.get(i);
            Map<String, Object> a = actual.get(i);
            assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()));
            for (String k : e.keySet()) {
                if (k.equals("C")) {
                    double ev = (Double) e.get(k);
                    double av = (Double) a.get(k);
                    assertTrue(Math.abs(ev - av) <= 2 * Math.ulp(ev), k + ": " + ev + " vs " + av);
                } else {
                    assertEquals(e.get(k), a.get(k), k + " of sample " + i);
                }
            }
        }
    }
}
