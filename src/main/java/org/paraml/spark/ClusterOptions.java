package org.paraml.spark;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link StandaloneCluster#start} starts a Spark standalone cluster on this machine. Immutable; withers
 * return copies. Defaults: 127.0.0.1, port 7077, 2 workers of 1 core and 1g each, no authentication, state
 * under {@code ~/.paraml/cluster}.
 *
 * @param host           the address the master, workers and executors bind to
 * @param port           the master's port (0: a free port)
 * @param workers        the number of workers, {@code >= 1}
 * @param coresPerWorker cores each worker offers, {@code >= 1}
 * @param memoryPerWorker memory each worker offers to executors, e.g. "1g"
 * @param stateDir       where pid files, logs, work folders and the secret live
 * @param authenticate   whether the cluster requires Spark's shared-secret authentication
 * @param secretFile     the secret to use (made, 0600, in the state folder when null and authenticating)
 */
public record ClusterOptions(String host, int port, int workers, int coresPerWorker, String memoryPerWorker,
        Path stateDir, boolean authenticate, Path secretFile) {

    /** The state folder used when none is given: {@code ~/.paraml/cluster}. */
    public static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".paraml", "cluster");
    }

    /**
     * Checks that {@code host} and {@code stateDir} are not null and that the port, workers, cores and memory are
     * allowed, as {@link #check} says.
     */
    public ClusterOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(stateDir, "stateDir");
        check(port, workers, coresPerWorker, memoryPerWorker, "the port", "the number of workers", "the cores per worker",
                "the memory per worker");
    }

    /**
     * Throws, naming the bad value and what is allowed, unless the port is in [0, 65535], there is a
     * worker or more of a core or more each, and the memory is a size such as 512m or 1g. The names are
     * what the message calls each value (the command line passes its option names).
     */
    public static void check(int port, int workers, int coresPerWorker, String memoryPerWorker, String portName,
                             String workersName, String coresName, String memoryName) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid value for " + portName + ": " + port
                    + " (allowed: 0 to 65535, 0 for a free port)");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("invalid value for " + workersName + ": " + workers + " (allowed: 1 or more)");
        }
        if (coresPerWorker < 1) {
            throw new IllegalArgumentException("invalid value for " + coresName + ": " + coresPerWorker
                    + " (allowed: 1 or more)");
        }
        if (memoryPerWorker == null || !memoryPerWorker.matches("[1-9][0-9]*[mMgG]")) {
            throw new IllegalArgumentException("invalid value for " + memoryName + ": '" + memoryPerWorker
                    + "' (allowed: a size such as 512m or 1g)");
        }
    }

    /** The defaults. */
    public static ClusterOptions defaults() {
        return new ClusterOptions("127.0.0.1", 7077, 2, 1, "1g", defaultStateDir(), false, null);
    }

    /** A copy with another address for the master, workers and executors. */
    public ClusterOptions withHost(String h) {
        return new ClusterOptions(h, port, workers, coresPerWorker, memoryPerWorker, stateDir, authenticate, secretFile);
    }

    /** A copy with another master port, in [0, 65535] (0: a free port). */
    public ClusterOptions withPort(int p) {
        return new ClusterOptions(host, p, workers, coresPerWorker, memoryPerWorker, stateDir, authenticate, secretFile);
    }

    /** A copy with another number of workers, {@code >= 1}. */
    public ClusterOptions withWorkers(int n) {
        return new ClusterOptions(host, port, n, coresPerWorker, memoryPerWorker, stateDir, authenticate, secretFile);
    }

    /** A copy with another number of cores per worker, {@code >= 1}. */
    public ClusterOptions withCoresPerWorker(int n) {
        return new ClusterOptions(host, port, workers, n, memoryPerWorker, stateDir, authenticate, secretFile);
    }

    /** A copy with another memory per worker, a size such as 512m or 1g. */
    public ClusterOptions withMemoryPerWorker(String m) {
        return new ClusterOptions(host, port, workers, coresPerWorker, m, stateDir, authenticate, secretFile);
    }

    /** A copy with another state folder (pid files, logs, work folders, the secret); not null. */
    public ClusterOptions withStateDir(Path dir) {
        return new ClusterOptions(host, port, workers, coresPerWorker, memoryPerWorker, dir, authenticate, secretFile);
    }

    /** Requires the shared secret in {@code file}, or a new one (0600, in the state folder) when null. */
    public ClusterOptions withAuthentication(boolean on, Path file) {
        return new ClusterOptions(host, port, workers, coresPerWorker, memoryPerWorker, stateDir, on, file);
    }
}
