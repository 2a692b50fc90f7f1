package org.paraml.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark client without the cluster's secret, in a JVM of its own (so that the test can end it at once
 * when it has seen what it needs): prints "RAN n" if a job ever runs, and "REFUSED message" when the context cannot
 * be created (after Spark's minute of registration retries).
 * Argument: the master URL.
 */
public final class RefusedClientMain {
    private RefusedClientMain() {
    }

    public static void main(String[] args) throws Exception {
        JavaSparkContext sc;
        try {
            sc = SparkContexts.create(args[0], "no-secret", null, Map.of());
        } catch (java.io.IOException e) {
            System.out.println("REFUSED " + e.getMessage());
            return;
        }
        try {
            System.out.println("RAN " + sc.parallelize(List.of(1, 2, 3), 3).count());
        } finally {
            sc.stop();
        }
    }
}
