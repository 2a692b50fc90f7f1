package org.paraml.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark contexts with what ParaML needs, for {@code local[N]} and {@code spark://host:port} masters:
 * <ul>
 *   <li>{@code spark.executor.extraClassPath}: this JVM's class path with absolute paths (executors of a
 *       standalone cluster started from Maven jars find ParaML, Spark and the estimators there; relative
 *       paths would break lambda deserialization), unless already set;</li>
 *   <li>the driver binds to 127.0.0.1 when the master is local or on a loopback address (a cluster on this
 *       machine), so nothing listens on the network;</li>
 *   <li>with a secret, Spark's shared-secret authentication ({@code spark.authenticate}): the cluster
 *       refuses a client without it;</li>
 *   <li>no web UI unless {@code spark.ui.enabled} is set.</li>
 * </ul>
 */
public final class SparkContexts {
    private SparkContexts() {
    }

    /**
     * A new Spark context; stop it (or close it) when done.
     *
     * @param master     {@code local[N]}, {@code local[*]} or {@code spark://host:port}
     * @param appName    the application's name on the cluster
     * @param secretFile a file holding the cluster's shared secret ({@code paraml cluster start --authenticate}
     *                   writes one), or null for none
     * @param extra      further Spark settings (win over the defaults above), may be empty
     * @throws IOException when the secret file cannot be read, or when a standalone master does not accept the
     *                     application (Spark gives up after about a minute of retries: a wrong or missing secret,
     *                     a master that went away); the context is stopped then
     * @throws IllegalArgumentException for a malformed master URL
     */
    public static JavaSparkContext create(String master, String appName, Path secretFile, Map<String, String> extra)
            throws IOException {
        JavaSparkContext sc = new JavaSparkContext(conf(master, appName, secretFile, extra));
        if (master.startsWith("spark://") && !registered(sc)) {
            sc.stop();
            throw new IOException("the Spark master " + master + " did not accept this application (Spark gave up "
                    + "after its retries; the warnings above say why): "
                    + (secretFile == null ? "if the cluster was started with --authenticate, give its secret file "
                            + "(option '--secret-file', e.g. ~/.paraml/cluster/secret)"
                            : "is " + secretFile + " the secret of this cluster (option '--secret-file')?")
                    + "; else check that the master runs ('paraml cluster start') and its log");
        }
        return sc;
    }

    /**
     * Whether a standalone master registered the application of {@code sc}. The context's constructor waits
     * for the registration, and returns without it when Spark gave up (its context then stops a moment later,
     * in another thread, and a job started meanwhile would wait forever): a registered application has the
     * master's id, {@code app-...}; an unregistered one Spark's fallback, {@code spark-application-...}.
     */
    static boolean registered(JavaSparkContext sc) {
        return !sc.sc().isStopped() && sc.sc().applicationId().startsWith("app-");
    }

    /** The configuration {@link #create} starts a context with. */
    public static SparkConf conf(String master, String appName, Path secretFile, Map<String, String> extra)
            throws IOException {
        checkMaster(master);
        SparkConf conf = new SparkConf().setMaster(master).setAppName(appName);
        conf.set("spark.ui.enabled", "false");
        if (master.startsWith("local") || isLoopback(master)) {
            conf.set("spark.driver.host", "127.0.0.1");
            conf.set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (master.startsWith("spark://")) {
            conf.set("spark.executor.extraClassPath", absoluteClassPath());
        }
        if (secretFile != null) {
            conf.set("spark.authenticate", "true");
            conf.set("spark.authenticate.secret", readSecret(secretFile));
        }
        extra.forEach(conf::set);
        return conf;
    }

    /** The shared secret in {@code file} (its first line, trimmed). */
    static String readSecret(Path file) throws IOException {
        String s = Files.readString(file).strip();
        if (s.isEmpty()) {
            throw new IOException("the secret file " + file + " is empty");
        }
        return s;
    }

    /** This JVM's class path with every entry made absolute. */
    public static String absoluteClassPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    static void checkMaster(String master) {
        if (master == null || !(master.matches("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?")
                || master.matches("spark://[^/:]+:[0-9]+(,[^/:]+:[0-9]+)*"))) {
            throw new IllegalArgumentException("invalid Spark master '" + master + "' (allowed: local, local[N], "
                    + "local[*], local[N,F] or spark://host:port)");
        }
    }

    private static boolean isLoopback(String master) {
        if (!master.startsWith("spark://")) {
            return false;
        }
        try {
            String host = URI.create(master.split(",")[0]).getHost();
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }
}
