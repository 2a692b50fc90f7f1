package org.paraml.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.spark.ClusterOptions;
import org.paraml.spark.StandaloneCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml cluster start}: launches a master and workers that keep running after the command. */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Start a Spark master and N workers on this machine.",
                "They run until 'paraml cluster stop'. Pid files, logs and the secret live in the state folder."})
final class ClusterStartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N", description = "Workers to start (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--cores", defaultValue = "1", paramLabel = "C", description = "Cores each worker offers (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--memory", defaultValue = "1g", paramLabel = "M", description = "Memory each worker offers its executors (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "The address to bind to (default: ${DEFAULT-VALUE}: nobody else on the network can reach it).")
    String host;

    @Option(names = "--port", defaultValue = "7077", paramLabel = "P", description = "The master's port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--authenticate", description = "Require Spark's shared-secret authentication: clients need --secret-file.")
    boolean authenticate;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "With --authenticate: the secret to use (default: a new random one in STATE/secret, mode 0600).")
    Path secretFile;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where pid files, logs and the secret live (default: ~/.paraml/cluster).")
    Path stateDir;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!SparkBridge.available()) {
            err.println("paraml: error: " + SparkBridge.MISSING);
            err.flush();
            return ExitCode.FAILURE;
        }
        if (secretFile != null && !authenticate) {
            throw new IllegalArgumentException("option '--secret-file' needs '--authenticate'");
        }
        ClusterOptions.check(port, workers, cores, memory, "option '--port'", "option '--workers'", "option '--cores'",
                "option '--memory'");
        ClusterOptions o = ClusterOptions.defaults().withWorkers(workers).withCoresPerWorker(cores)
                .withMemoryPerWorker(memory).withHost(host).withPort(port)
                .withStateDir(stateDir != null ? stateDir : ClusterOptions.defaultStateDir())
                .withAuthentication(authenticate, secretFile);
        StandaloneCluster c = StandaloneCluster.launch(o);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("master", c.masterUrl());
        f.put("master_pid", c.master().pid());
        f.put("worker_pids", c.workers().stream().map(ProcessHandle::pid).toList());
        f.put("state_dir", o.stateDir().toAbsolutePath().toString());
        f.put("secret_file", c.secretFile() == null ? null : c.secretFile().toString());
        if (json) {
            JsonOutput.print(out, f);
        } else {
            out.println("Spark master at " + c.masterUrl() + " (pid " + c.master().pid() + "), " + workers
                    + " worker(s) of " + cores + " core(s) and " + memory + " (pids " + f.get("worker_pids") + ")");
            out.println("state and logs: " + f.get("state_dir"));
            if (c.secretFile() != null) {
                out.println("authentication on: clients need --secret-file " + c.secretFile());
            }
            out.println("use it: paraml search ... --master " + c.masterUrl()
                    + (c.secretFile() != null ? " --secret-file " + c.secretFile() : ""));
            out.println("stop it: paraml cluster stop" + (stateDir != null ? " --state-dir " + stateDir : ""));
            out.flush();
        }
        return ExitCode.OK;
    }
}
