package org.paraml.cli;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import org.paraml.cluster.KMeans;
import org.paraml.cluster.KMeansModel;
import org.paraml.selection.SearchExecutor;
import org.paraml.spark.BlockSpec;

/**
 * The CLI's only way to Spark: the Spark classes of {@code org.paraml.spark} are loaded by name, and only
 * when a command is given {@code --master} or is {@code paraml cluster}, so that the CLI runs without Spark
 * on its class path. {@code bin/paraml} puts Spark ({@code target/lib-spark}) there.
 */
final class SparkBridge {
    /** What a command says when Spark is missing. */
    static final String MISSING = "Spark 4.x is not on the class path: run paraml with bin/paraml, which adds "
            + "target/lib-spark (made by './mvnw package'), or add the Spark 4.x (Scala 2.13) jars to -cp";

    private SparkBridge() {
    }

    /** True when Spark's classes can be loaded. */
    static boolean available() {
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A search executor on a Spark context of its own at {@code master}; close it to stop the context.
     *
     * @param secretFile the cluster's shared secret, or null
     * @throws IllegalStateException when Spark is missing ({@link #MISSING})
     */
    static SearchExecutor searchExecutor(String master, Path secretFile) throws Exception {
        return (SearchExecutor) call("org.paraml.spark.SparkSearchSession", "open",
                new Class<?>[] {String.class, Path.class}, master, secretFile);
    }

    /**
     * {@code kmeans} fitted on {@code blocks} on the Spark cluster at {@code master} (a context of its own,
     * stopped afterwards): the entry point of {@code paraml kmeans --master}. The centres equal those of the
     * local fit of the same blocks; the model's labels are not available (predict them).
     *
     * @param secretFile the cluster's shared secret, or null
     * @throws IllegalStateException when Spark is missing ({@link #MISSING})
     */
    static KMeansModel kmeans(String master, Path secretFile, BlockSpec blocks, KMeans kmeans) throws Exception {
        return (KMeansModel) call("org.paraml.spark.SparkKMeans", "fit",
                new Class<?>[] {String.class, Path.class, BlockSpec.class, KMeans.class}, master, secretFile, blocks,
                kmeans);
    }

    /** How long {@link #checkReachable} waits for a master to accept a connection. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    /**
     * For a standalone cluster's {@code spark://host:port[,host:port...]}: at least one master accepts a
     * TCP connection. Spark itself would retry for about a minute and then fail with "Cannot call methods
     * on a stopped SparkContext"; this says at once which URL could not be reached. Other masters
     * ({@code local[N]}, ...) are not checked.
     *
     * @throws IllegalArgumentException naming --master, the URL and the reason
     */
    static void checkReachable(String master) {
        if (master == null || !master.startsWith("spark://")) {
            return;
        }
        String reason = "no host:port in it";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            try (java.net.Socket socket = new java.net.Socket()) {
                int port = Integer.parseInt(hostPort.substring(colon + 1).trim());
                socket.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon).trim(), port), CONNECT_TIMEOUT_MS);
                return;
            } catch (NumberFormatException e) {
                reason = "'" + hostPort + "' has no port number";
            } catch (java.io.IOException | IllegalArgumentException e) {
                reason = hostPort + ": " + (e.getMessage() != null ? e.getMessage() : e.toString());
            }
        }
        throw new IllegalArgumentException("invalid value for option '--master': cannot reach " + master + " (" + reason
                + "); start the cluster first, e.g. 'paraml cluster start', and give the URL it prints");
    }

    private static Object call(String className, String method, Class<?>[] types, Object... args) throws Exception {
        if (!available()) {
            throw new IllegalStateException(MISSING);
        }
        if (args.length > 0 && args[0] instanceof String master) {
            checkReachable(master);
        }
        try {
            return Class.forName(className).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            throw (Error) c;
        }
    }
}
