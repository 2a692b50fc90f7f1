package org.paraml.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FoldsTest {
    private static final JsonNode FIXTURE = SelectionFixtures.read("folds.json");

    private static Long seed(JsonNode c) {
        return c.get("random_state").isNull() ? null : c.get("random_state").longValue();
    }

    private static void assertFolds(JsonNode expected, List<Split> splits, int n, String what) {
        assertEquals(expected.size(), splits.size(), what);
        for (int f = 0; f < splits.size(); f++) {
            int[] test = SelectionFixtures.ints(expected.get(f));
            assertArrayEquals(test, splits.get(f).test(), what + " fold " + f);
            int[] train = splits.get(f).train();
            assertEquals(n - test.length, train.length);
            for (int i = 1; i < train.length; i++) {
                assertTrue(train[i - 1] < train[i], "train rows ascending");
            }
            for (int t : test) {
                assertTrue(Arrays.binarySearch(train, t) < 0, "a row is never in both sets");
            }
        }
    }

    @Test
    void kFoldEqualsScikitLearn() {
        for (JsonNode c : FIXTURE.get("kfold")) {
            int n = c.get("n").intValue();
            KFold cv = new KFold(c.get("n_splits").intValue(), c.get("shuffle").booleanValue(), seed(c));
            assertFolds(c.get("test_folds"), cv.split(n, null), n, c.toString());
        }
    }

    @Test
    void stratifiedKFoldEqualsScikitLearnIncludingSmallClassesAndShuffles() {
        int cases = 0;
        for (JsonNode c : FIXTURE.get("stratified")) {
            int[] y = SelectionFixtures.ints(c.get("y"));
            StratifiedKFold cv = new StratifiedKFold(c.get("n_splits").intValue(), c.get("shuffle").booleanValue(), seed(c));
            String what = c.get("name").asText() + " k=" + c.get("n_splits") + " shuffle=" + c.get("shuffle")
                    + " seed=" + c.get("random_state");
            if (c.has("error")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cv.split(y.length, y), what);
                assertEquals(c.get("error").asText(), e.getMessage());
            } else {
                assertFolds(c.get("test_folds"), cv.split(y.length, y), y.length, what);
                cases++;
            }
        }
        assertTrue(cases > 50);
    }

    @Test
    void splittersRefuseWhatScikitLearnRefuses() {
        assertEquals("k-fold cross-validation requires at least one train/test split by setting n_splits=2 or more, "
                + "got n_splits=1.", assertThrows(IllegalArgumentException.class, () -> new KFold(1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(3, false, 0L))
                .getMessage().startsWith("Setting a random_state has no effect since shuffle is False."));
        assertEquals("Cannot have number of splits n_splits=5 greater than the number of samples: n_samples=4.",
                assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(4, null)).getMessage());
        assertThrows(NullPointerException.class, () -> new StratifiedKFold(2).split(4, null));
    }
}
