package org.paraml.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paraml.linalg.Matrix;

class KMeansParamsTest {

    @Test
    void defaultsAreScikitLearnsAndDaskMls() {
        Map<String, Object> p = new KMeans().getParams();
        assertEquals(List.of("algorithm", "init", "init_max_iter", "max_iter", "n_clusters", "n_init",
                "oversampling_factor", "random_state", "tol"), List.copyOf(p.keySet()));
        assertEquals("lloyd", p.get("algorithm"));
        assertEquals("k-means||", p.get("init"));
        assertNull(p.get("init_max_iter"));
        assertEquals(300, p.get("max_iter"));
        assertEquals(8, p.get("n_clusters"));
        assertEquals(10, p.get("n_init"));
        assertEquals(2.0, p.get("oversampling_factor"));
        assertNull(p.get("random_state"));
        assertEquals(1e-4, p.get("tol"));
        assertThrows(UnsupportedOperationException.class, () -> p.put("tol", 1.0));
    }

    @Test
    void withersCopyAndParamsRoundTrip() {
        KMeans base = new KMeans();
        KMeans tutorial = base.initMaxIter(3).oversamplingFactor(10);
        assertNotSame(base, tutorial);
        assertNull(base.initMaxIter());
        assertEquals(3, tutorial.initMaxIter());
        assertEquals(10.0, tutorial.oversamplingFactor());
        KMeans fromMap = new KMeans().withParams(Map.of("n_clusters", 12, "init_max_iter", 3,
                "oversampling_factor", 10, "random_state", 0, "tol", 0.0, "init", "k-means++", "n_init", 3L,
                "max_iter", 50.0, "algorithm", "full"));
        Map<String, Object> p = fromMap.getParams();
        assertEquals(12, p.get("n_clusters"));
        assertEquals(3, p.get("init_max_iter"));
        assertEquals(10.0, p.get("oversampling_factor"));
        assertEquals(0L, p.get("random_state"));
        assertEquals("k-means++", p.get("init"));
        assertEquals(3, p.get("n_init"));
        assertEquals(50, p.get("max_iter"));
        assertEquals(new KMeans().withParams(p).getParams(), p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KMeans().withParams(Map.of("n_cluster", 3)));
        assertTrue(e.getMessage().contains("Invalid parameter 'n_cluster'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KMeans().withParams(Map.of("max_iter", 2.5)));
    }

    @Test
    void initCentresAreCopied() {
        Matrix c = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        KMeans km = new KMeans().nClusters(2).init(c);
        c.set(0, 0, 99);
        assertEquals("array", km.initMethod());
        assertEquals(1.0, km.initCentres().get(0, 0));
        assertEquals(1.0, ((Matrix) km.getParams().get("init")).get(0, 0));
    }
}
