package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterGridTest {
    @Test
    void pointsEqualScikitLearnsInOrderAndType() {
        for (JsonNode c : SelectionFixtures.read("parameter_grid.json").get("cases")) {
            List<Map<String, List<Object>>> grids = new ArrayList<>();
            c.get("grid").forEach(g -> grids.add(SelectionFixtures.grid(g)));
            ParameterGrid grid = new ParameterGrid(grids);
            List<Map<String, Object>> expected = SelectionFixtures.paramsList(c.get("points"));
            List<Map<String, Object>> actual = grid.toList();
            assertEquals(expected, actual, c.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(List.copyOf(expected.get(i).keySet()), List.copyOf(actual.get(i).keySet()));
                for (String k : expected.get(i).keySet()) {
                    Object e = expected.get(i).get(k);
                    Object a = actual.get(i).get(k);
                    assertEquals(e == null ? null : e.getClass(), a == null ? null : a.getClass(), k);
                }
            }
            assertEquals(expected.size(), grid.size());
        }
    }

    @Test
    void lastSortedKeyVariesFastestAndGetReversesTheKeys() {
        ParameterGrid g = new ParameterGrid(Map.of("kernel", List.of("rbf", "poly"), "C", List.of(1, 10)));
        assertEquals(List.of(Map.of("C", 1, "kernel", "rbf"), Map.of("C", 1, "kernel", "poly"),
                Map.of("C", 10, "kernel", "rbf"), Map.of("C", 10, "kernel", "poly")), g.toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(g.toList().get(i), g.get(i));
            assertEquals(List.of("kernel", "C"), List.copyOf(g.get(i).keySet()));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> g.get(4));
    }

    @Test
    void emptyGridIsOnePointAndListsOfGridsChain() {
        ParameterGrid g = new ParameterGrid(List.of(Map.of(), Map.of("a", List.of(1, 2))));
        assertEquals(List.of(Map.of(), Map.of("a", 1), Map.of("a", 2)), g.toList());
        assertEquals(Map.of("a", 2), g.get(2));
    }

    @Test
    void badGridsAreRefusedWithScikitLearnsWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParameterGrid(Map.of("C", List.of())));
        assertEquals("Parameter grid for parameter 'C' need to be a non-empty sequence, got: []", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParameterGrid(Map.of("C", List.of(new Object()))));
        assertTrue(new ParameterGrid(Map.of("x", Collections.singletonList(null))).get(0).containsKey("x"));
    }
}
