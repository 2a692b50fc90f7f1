package org.paraml.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A Spark client without the cluster's secret, in a JVM of its own (so that the test can end it at once
 * instead of waiting out Spark's minute of registration retries): prints "RAN n" if a job ever runs.
 * Argument: the master URL.
 */
public final class RefusedClientMain {
    private RefusedClientMain() {
    }

    public static void main(String[] args) throws Exception {
        JavaSparkContext sc = SparkContexts.create(args[0], "no-secret", null, Map.of());
        try {
            System.out.println("RAN " + sc.parallelize(List.of(1, 2, 3), 3).count());
        } finally {
            sc.stop();
        }
    }
}
