package org.paraml.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paraml.spark.ClusterOptions;
import org.paraml.spark.StandaloneCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code paraml cluster stop}: stops exactly the processes that {@code paraml cluster start} recorded. */
@Command(name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stop the master and workers (and their executors) that 'paraml cluster start' started.")
final class ClusterStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "The state folder given to start (default: ~/.paraml/cluster).")
    Path stateDir;

    @Option(names = "--json", description = "Print one JSON object as the last line of stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = stateDir != null ? stateDir : ClusterOptions.defaultStateDir();
        List<Long> stopped = StandaloneCluster.stop(dir);
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("stopped_pids", stopped);
            f.put("state_dir", dir.toAbsolutePath().toString());
            JsonOutput.print(out, f);
        } else {
            out.println(stopped.isEmpty() ? "no cluster recorded in " + dir + " is running"
                    : "stopped " + stopped.size() + " process(es): " + stopped);
            out.flush();
        }
        return ExitCode.OK;
    }
}
