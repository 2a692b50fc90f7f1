package org.paraml.spark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on this machine — a Master and N Workers, each a JVM started from this JVM's
 * class path (the Maven jars: no Spark distribution needed) — for {@code paraml cluster start} and for
 * tests. Everything binds to {@link ClusterOptions#host()} (127.0.0.1 by default), so nothing listens on
 * the network. With authentication on, the master, the workers and their executors share a secret (kept
 * in a 0600 file, passed to the daemons in their environment, not on their command lines) and refuse
 * clients that do not present it ({@link SparkContexts#create} with the secret file).
 *
 * <p>State folder: {@code cluster.properties} (master URL, pids, secret file), {@code logs/} (one log per
 * daemon), {@code work/} (the workers' folders: executor logs), {@code spark-home/} (the empty {@code jars/}
 * and {@code conf/} that Spark's launch code wants), {@code secret}.
 *
 * <p>{@link #start} ties the daemons to this JVM: {@link #close()} stops them, and so does a shutdown hook
 * if the JVM ends first. {@link #launch} leaves them running after this JVM ends; {@link #stop(Path)} stops
 * exactly the processes a launch recorded.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StandaloneCluster.class.getName());
    static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final String STATE_FILE = "cluster.properties";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ClusterOptions options;
    private final String masterUrl;
    private final Path secretFile;
    private final ProcessHandle master;
    private final List<ProcessHandle> workers;
    private final Thread hook;

    private StandaloneCluster(ClusterOptions options, String masterUrl, Path secretFile, ProcessHandle master,
            List<ProcessHandle> workers, Thread hook) {
        this.options = options;
        this.masterUrl = masterUrl;
        this.secretFile = secretFile;
        this.master = master;
        this.workers = List.copyOf(workers);
        this.hook = hook;
    }

    /**
     * Starts a cluster that lives as long as this JVM at most: {@link #close()} stops it, as does a shutdown
     * hook. Returns when every worker has registered with the master.
     *
     * @throws IOException when a daemon cannot start or does not come up in time (the message quotes its log);
     *                     whatever was started is stopped
     */
    public static StandaloneCluster start(ClusterOptions options) throws IOException {
        return begin(options, true);
    }

    /**
     * Starts a cluster that outlives this JVM (each daemon in a session of its own); stop it with
     * {@link #stop(Path)} on its state folder.
     *
     * @throws IOException as {@link #start}, or when the state folder records a cluster that still runs
     */
    public static StandaloneCluster launch(ClusterOptions options) throws IOException {
        return begin(options, false);
    }

    private static StandaloneCluster begin(ClusterOptions o, boolean owned) throws IOException {
        Path state = checkStateDir(o.stateDir());
        Files.createDirectories(state);
        if (!running(state).isEmpty()) {
            throw new IOException("a cluster started from " + state + " is running (pids " + running(state)
                    + "); stop it first (paraml cluster stop --state-dir " + state + ")");
        }
        Path logs = Files.createDirectories(state.resolve("logs"));
        Files.createDirectories(state.resolve("spark-home").resolve("jars"));
        Files.createDirectories(state.resolve("spark-home").resolve("conf"));
        Files.createDirectories(state.resolve("local"));
        Path log4j = state.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n", "rootLogger.level = info",
                "rootLogger.appenderRef.stdout.ref = console", "appender.console.type = Console",
                "appender.console.name = console", "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex", ""));
        String secret = null;
        Path secretFile = null;
        if (o.authenticate()) {
            secretFile = o.secretFile() != null ? o.secretFile().toAbsolutePath() : newSecret(state.resolve("secret"));
            secret = SparkContexts.readSecret(secretFile);
        }
        int port = o.port() == 0 ? freePort(o.host()) : checkFree(o.host(), o.port());
        String url = "spark://" + o.host() + ":" + port;
        List<ProcessHandle> started = new ArrayList<>();
        Thread hook = owned ? new Thread(() -> started.forEach(StandaloneCluster::kill), "paraml-cluster-stop") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            Path masterLog = logs.resolve("master.log");
            ProcessHandle m = spawn(o, state, log4j, secret, owned, masterLog, List.of(MASTER_CLASS, "--host", o.host(),
                    "--port", Integer.toString(port), "--webui-port", "0"));
            started.add(m);
            awaitLine(m, masterLog, "I have been elected leader", "master");
            List<ProcessHandle> ws = new ArrayList<>();
            for (int i = 0; i < o.workers(); i++) {
                Path work = Files.createDirectories(state.resolve("work").resolve("worker-" + i));
                Path log = logs.resolve("worker-" + i + ".log");
                ProcessHandle w = spawn(o, state, log4j, secret, owned, log, List.of(WORKER_CLASS, url, "--host",
                        o.host(), "--cores", Integer.toString(o.coresPerWorker()), "--memory", o.memoryPerWorker(),
                        "--webui-port", "0", "--work-dir", work.toString()));
                started.add(w);
                ws.add(w);
            }
            for (int i = 0; i < ws.size(); i++) {
                awaitLine(ws.get(i), logs.resolve("worker-" + i + ".log"), "Successfully registered with master",
                        "worker " + i);
            }
            writeState(state, url, secretFile, m, ws);
            LOG.log(System.Logger.Level.INFO, "Spark standalone cluster at " + url + ": master pid " + m.pid()
                    + ", " + ws.size() + " worker(s)" + (secret != null ? ", shared-secret authentication" : ""));
            return new StandaloneCluster(o, url, secretFile, m, ws, hook);
        } catch (IOException | RuntimeException e) {
            started.forEach(StandaloneCluster::kill);
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            throw e;
        }
    }

    /** The master's URL, {@code spark://host:port}. */
    public String masterUrl() {
        return masterUrl;
    }

    /** The file holding the shared secret, or null without authentication. */
    public Path secretFile() {
        return secretFile;
    }

    /** The options the cluster was started with. */
    public ClusterOptions options() {
        return options;
    }

    /** The master's process. */
    public ProcessHandle master() {
        return master;
    }

    /** The workers' processes, in order. */
    public List<ProcessHandle> workers() {
        return workers;
    }

    /** The executor JVMs that worker {@code i} runs now (children of the worker's process). */
    public List<ProcessHandle> executors(int i) {
        return workers.get(i).descendants().filter(p -> commandLine(p).contains(EXECUTOR_CLASS)).toList();
    }

    /** Stops the workers (and their executors) and the master, and waits until they are gone. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(workers);
        all.add(master);
        all.forEach(StandaloneCluster::kill);
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        try {
            Files.deleteIfExists(options.stateDir().toAbsolutePath().resolve(STATE_FILE));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the cluster state file: " + e);
        }
    }

    /**
     * Stops the cluster recorded in {@code stateDir} by {@link #launch}: exactly its master and workers (each
     * pid checked against its command line, so that a reused pid is never killed) and their executors.
     *
     * @return the pids that were stopped (empty when nothing recorded there was running)
     * @throws IOException when the state file cannot be read
     */
    public static List<Long> stop(Path stateDir) throws IOException {
        Path state = checkStateDir(stateDir);
        List<ProcessHandle> live = running(state);
        List<Long> pids = live.stream().map(ProcessHandle::pid).toList();
        live.forEach(StandaloneCluster::kill);
        Files.deleteIfExists(state.resolve(STATE_FILE));
        return pids;
    }

    /** {@code dir} made absolute, when it is a folder or does not exist yet. */
    private static Path checkStateDir(Path dir) throws IOException {
        Path state = dir.toAbsolutePath();
        if (Files.exists(state) && !Files.isDirectory(state)) {
            throw new IOException("invalid cluster state folder " + state + ": it is a file (allowed: a folder, "
                    + "existing or to be created; paraml cluster --state-dir DIR)");
        }
        return state;
    }

    /** The master URL recorded in {@code stateDir}, if a cluster was launched there. */
    public static Optional<String> recordedMaster(Path stateDir) throws IOException {
        Path f = stateDir.toAbsolutePath().resolve(STATE_FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return Optional.ofNullable(readState(f).getProperty("master"));
    }

    /** The recorded daemons of {@code state} that still run (checked by command line). */
    static List<ProcessHandle> running(Path state) throws IOException {
        Path f = state.resolve(STATE_FILE);
        if (!Files.exists(f)) {
            return List.of();
        }
        Properties p = readState(f);
        List<ProcessHandle> out = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (!key.endsWith(".pid")) {
                continue;
            }
            long pid = Long.parseLong(p.getProperty(key).trim());
            String main = key.startsWith("master") ? MASTER_CLASS : WORKER_CLASS;
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
                String cl = commandLine(h);
                return cl.contains(main) && cl.contains(state.toString());
            }).ifPresent(out::add);
        }
        return out;
    }

    private static Properties readState(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }

    private static void writeState(Path state, String url, Path secretFile, ProcessHandle m, List<ProcessHandle> ws)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("master", url);
        p.setProperty("master.pid", Long.toString(m.pid()));
        for (int i = 0; i < ws.size(); i++) {
            p.setProperty("worker-" + i + ".pid", Long.toString(ws.get(i).pid()));
        }
        if (secretFile != null) {
            p.setProperty("secret.file", secretFile.toString());
        }
        Path tmp = state.resolve(STATE_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "paraml cluster start");
        }
        Files.move(tmp, state.resolve(STATE_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static ProcessHandle spawn(ClusterOptions o, Path state, Path log4j, String secret, boolean owned, Path log,
            List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (!owned && new File("/usr/bin/setsid").canExecute()) {
            cmd.add("/usr/bin/setsid"); // its own session: closing the terminal does not stop the daemon
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.add("-Xmx256m");
        cmd.add("-Dlog4j2.configurationFile=" + log4j);
        cmd.add("-Dparaml.cluster.state=" + state); // marks the daemon as this cluster's, for stop
        if (secret != null) {
            cmd.add("-Dspark.authenticate=true");
        }
        if (mainAndArgs.get(0).equals(MASTER_CLASS)) {
            // the port asked for or none: Spark would try the next ports, and the workers, given the URL of the
            // port asked for, would join whatever listens there
            cmd.add("-Dspark.port.maxRetries=0");
        }
        cmd.add("-cp");
        cmd.add(SparkContexts.absoluteClassPath());
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", state.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", o.host());
        env.put("SPARK_TESTING", "1");
        env.put("SPARK_LOCAL_DIRS", state.resolve("local").toString());
        env.remove("_SPARK_AUTH_SECRET");
        if (secret != null) {
            env.put("_SPARK_AUTH_SECRET", secret);
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start().toHandle();
    }

    private static void awaitLine(ProcessHandle p, Path log, String line, String what) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IOException("the Spark " + what + " ended while starting; its log " + log + " ends with:\n"
                        + tail(log));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the Spark " + what, e);
            }
        }
        throw new IOException("the Spark " + what + " did not start within " + START_TIMEOUT.toSeconds()
                + " s; its log " + log + " ends with:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** Stops a daemon and its descendants: SIGTERM, then SIGKILL after 10 s; waits until they are gone. */
    static void kill(ProcessHandle p) {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        family.add(p);
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ProcessHandle h : family) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                sleepQuietly(50);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : family) {
            long hard = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (h.isAlive() && System.nanoTime() < hard) {
                sleepQuietly(50);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The whole command line of {@code p}: from {@code /proc/PID/cmdline} where there is one
     * ({@link ProcessHandle.Info#commandLine()} stops after 4 KiB, before the main class of a JVM started
     * with a long class path), else what {@link ProcessHandle.Info} knows.
     */
    static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return p.info().commandLine().orElse("");
    }

    private static Path newSecret(Path file) throws IOException {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, HexFormat.of().formatHex(b) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    /**
     * {@code port} when nothing listens on it at {@code host}.
     *
     * @throws IOException naming the port when it is taken (e.g. by the master of another cluster)
     */
    static int checkFree(String host, int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(InetAddress.getByName(host), port), 1);
            return port;
        } catch (java.net.BindException e) {
            throw new IOException("cannot start the Spark master on " + host + ":" + port + ": the port is in use "
                    + "(another cluster's master?); choose another port (paraml cluster start --port P), or 0 for a "
                    + "free one", e);
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "StandaloneCluster(" + masterUrl + ", " + workers.size() + " workers)";
    }
}
