package org.paraml.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

/** The tutorial's blobs against numpy/scikit-learn 1.2 (fixture made by make_kmeans_fixtures.py). */
class BlocksTutorialTest {

    private static JsonNode fixture() throws IOException {
        try (InputStream in = BlocksTutorialTest.class.getResourceAsStream("/fixtures/kmeans/tutorial_blobs.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void templateIsThePerClassMeanOfTheSmallBlobs() throws IOException {
        JsonNode t = fixture().get("template");
        Matrix template = TutorialBlobs.template();
        assertEquals(12, template.rows());
        assertEquals(20, template.cols());
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 20; j++) {
                double want = t.get(i).get(j).asDouble();
                assertEquals(want, template.get(i, j), 1e-12 * Math.abs(want), "template " + i + "," + j);
            }
        }
    }

    @Test
    void blockIIsMakeBlobsWithRandomStateI() throws IOException {
        JsonNode blocks = fixture().get("blocks");
        Blocks made = TutorialBlobs.blocks(8, 1000);
        assertFalse(made.inMemory());
        assertEquals(20, made.cols());
        List<Matrix> got = made.pass(2).only(new int[] {0, 7}).map(b -> b.rows().copy());
        int slot = 0;
        for (String seed : new String[] {"0", "7"}) {
            JsonNode want = blocks.get(seed);
            Matrix x = got.get(slot++);
            JsonNode rows = want.get("rows");
            for (int r = 0; r < rows.size(); r++) {
                for (int j = 0; j < 20; j++) {
                    double w = want.get("values").get(r).get(j).asDouble();
                    assertEquals(w, x.get(rows.get(r).asInt(), j), 1e-12 * Math.max(1, Math.abs(w)));
                }
            }
            double sum = 0;
            for (int i = 0; i < x.rows(); i++) {
                for (int j = 0; j < 20; j++) {
                    sum += x.get(i, j);
                }
            }
            assertEquals(want.get("sum").asDouble(), sum, 1e-9 * Math.abs(sum));
        }
    }
}
