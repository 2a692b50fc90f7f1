package org.paraml.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.paraml.linalg.Matrix;

/** Reads the scikit-learn fixtures made by {@code fixtures/kmeans/make_kmeans_fixtures.py}. */
final class Fixtures {
    /** One fitted case: data, parameters and scikit-learn's results. */
    record Case(String name, Matrix x, int nClusters, Matrix initCentres, String initMethod, int nInit, int maxIter,
            double tol, Long randomState, int[] labels, double inertia, int nIter, Matrix centres) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Fixtures() {
    }

    static JsonNode read(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/kmeans/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + file);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> cases(String file) {
        JsonNode root = read(file);
        List<Case> out = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            Matrix x = matrix(root.get("datasets").get(c.get("data").asText()));
            JsonNode init = c.get("init");
            out.add(new Case(c.get("name").asText(), x, c.get("n_clusters").asInt(),
                    init.isArray() ? matrix(init) : null, init.isArray() ? "array" : init.asText(),
                    c.get("n_init").asInt(), c.get("max_iter").asInt(), c.get("tol").asDouble(),
                    c.get("random_state").isNull() ? null : c.get("random_state").asLong(), ints(c.get("labels")),
                    c.get("inertia").asDouble(), c.get("n_iter").asInt(), matrix(c.get("cluster_centers"))));
        }
        return out;
    }

    static Matrix matrix(JsonNode rows) {
        double[][] v = new double[rows.size()][];
        for (int i = 0; i < v.length; i++) {
            JsonNode r = rows.get(i);
            v[i] = new double[r.size()];
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = r.get(j).asDouble();
            }
        }
        return Matrix.of(v);
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    /** KMeans with a case's parameters. */
    static KMeans estimator(Case c) {
        KMeans k = new KMeans().nClusters(c.nClusters()).maxIter(c.maxIter()).tol(c.tol())
                .nInit(c.nInit());
        k = c.initCentres() != null ? k.init(c.initCentres()) : k.init(c.initMethod());
        return c.randomState() == null ? k : k.randomState(c.randomState());
    }

    /**
     * Asserts that {@code m} is the fixture's fit: the same labels and n_iter, the inertia within {@code inertiaTol}
     * and every centre coordinate within {@code centreTol}, both relative (to at least 1).
     */
    static void assertMatches(Case c, KMeansModel m, double inertiaTol, double centreTol) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(c.labels(), m.labels().toArray(), c.name() + ": labels");
        org.junit.jupiter.api.Assertions.assertEquals(c.nIter(), m.nIter(), c.name() + ": n_iter");
        org.junit.jupiter.api.Assertions.assertEquals(c.inertia(), m.inertia(),
                inertiaTol * Math.max(1, c.inertia()), c.name() + ": inertia");
        Matrix got = m.clusterCenters();
        for (int j = 0; j < c.centres().rows(); j++) {
            for (int f = 0; f < c.centres().cols(); f++) {
                double want = c.centres().get(j, f);
                org.junit.jupiter.api.Assertions.assertEquals(want, got.get(j, f),
                        centreTol * Math.max(1, Math.abs(want)), c.name() + ": centre " + j + " feature " + f);
            }
        }
    }
}
