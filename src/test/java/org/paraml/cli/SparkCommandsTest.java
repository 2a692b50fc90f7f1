package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paraml.data.Dataset;
import org.paraml.data.MakeClassification;
import org.paraml.data.Npy;

/** {@code paraml search --master} and {@code paraml cluster start/stop}. */
@Tag("spark")
class SparkCommandsTest {
    private static final Dataset DATA = new MakeClassification().nSamples(120).nFeatures(4).randomState(5).generate();

    @TempDir
    Path dir;

    private Path writeX() throws java.io.IOException {
        Path x = dir.resolve("X.npy");
        Npy.write(x, DATA.x());
        return x;
    }

    private Path writeY() throws java.io.IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, DATA.y());
        return y;
    }

    @Test
    void searchOnSparkPrintsTheLocalResults() throws Exception {
        Path x = writeX();
        Path y = writeY();
        String[] args = {"search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc", "--grid",
            "C=0.1,1,10", "--grid", "kernel=rbf,poly", "--cv", "3", "--json"};
        CliRunner local = CliRunner.run(args);
        List<String> spark = new ArrayList<>(List.of(args));
        spark.addAll(List.of("--master", "local[2]"));
        CliRunner onSpark = CliRunner.run(spark.toArray(String[]::new));
        assertEquals(ExitCode.OK, onSpark.status(), onSpark.err());
        JsonNode a = local.json().get("cv_results");
        JsonNode b = onSpark.json().get("cv_results");
        for (String field : List.of("params", "mean_test_score", "std_test_score", "rank_test_score", "split0_test_score",
                "split2_test_score")) {
            assertEquals(a.get(field), b.get(field), field);
        }
        assertEquals("local[2]", onSpark.json().get("master").asText());

        CliRunner bad = CliRunner.run("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--master", "yarn");
        assertEquals(ExitCode.USAGE, bad.status());
        assertTrue(bad.err().contains("invalid Spark master 'yarn'"), bad.err());
    }

    @Test
    void clusterStartAndStopLeaveNoProcessBehind() throws Exception {
        Path state = dir.resolve("state");
        CliRunner start = CliRunner.run("cluster", "start", "--workers", "1", "--port", "0", "--state-dir",
                state.toString(), "--json");
        List<ProcessHandle> started = new ArrayList<>();
        // launched daemons outlive their starter: if this JVM ends before the finally below, end them anyway
        Thread hook = new Thread(() -> started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            assertEquals(ExitCode.OK, start.status(), start.err());
            JsonNode j = start.json();
            assertTrue(j.get("master").asText().startsWith("spark://127.0.0.1:"), j.toString());
            started.add(ProcessHandle.of(j.get("master_pid").asLong()).orElseThrow());
            for (JsonNode w : j.get("worker_pids")) {
                started.add(ProcessHandle.of(w.asLong()).orElseThrow());
            }
            assertTrue(Files.exists(state.resolve("logs").resolve("master.log")));
            CliRunner again = CliRunner.run("cluster", "start", "--port", "0", "--state-dir", state.toString());
            assertEquals(ExitCode.FAILURE, again.status());
            assertTrue(again.err().contains("is running") && again.err().contains("paraml cluster stop --state-dir "
                    + state.toAbsolutePath()), again.err());
        } finally {
            CliRunner stop = CliRunner.run("cluster", "stop", "--state-dir", state.toString(), "--json");
            assertEquals(ExitCode.OK, stop.status(), stop.err());
            started.forEach(ProcessHandle::destroyForcibly); // never leave a daemon behind, whatever failed
            Runtime.getRuntime().removeShutdownHook(hook);
            assertEquals(started.size(), stop.json().get("stopped_pids").size());
        }
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " still runs after stop");
        }
        CliRunner none = CliRunner.run("cluster", "stop", "--state-dir", state.toString());
        assertTrue(none.out().contains("no cluster recorded"), none.out());
    }

    /**
     * With Spark on the class path, java.util.logging is bridged into log4j, whose CLI configuration
     * keeps libraries at WARN: ParaML's own INFO lines (here, a resumed journal) must still show. Run
     * as the command runs (its own JVM, {@link Main#main}, which installs that configuration).
     */
    @Test
    void paramlsInfoLinesShowWithSparkOnTheClassPath() throws Exception {
        Path x = writeX();
        Path y = writeY();
        Path journal = dir.resolve("search.jsonl");
        List<String> search = List.of("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc",
                "--grid", "C=1", "--cv", "2", "--journal", journal.toString(), "--master", "local[1]");
        assertEquals(ExitCode.OK, CliRunner.run(search.toArray(String[]::new)).status());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules") || a.startsWith("-XX:+Ignore"))
                .toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(search);
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        try {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            String text = Files.readString(err);
            assertEquals(ExitCode.OK, p.exitValue(), text);
            assertTrue(text.contains("search journal " + journal + ": 2 of 2 fits already done; resuming"), text);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badClusterOptionsAreUsageErrorsNamingTheOption() {
        String state = dir.resolve("state").toString();
        for (String[] bad : new String[][] {{"--port", "70000"}, {"--workers", "0"}, {"--cores", "0"},
            {"--memory", "1x"}}) {
            CliRunner r = CliRunner.run("cluster", "start", bad[0], bad[1], "--state-dir", state);
            assertEquals(ExitCode.USAGE, r.status(), r.err());
            assertTrue(r.err().contains("invalid value for option '" + bad[0] + "': ") && r.err().contains(bad[1])
                    && r.err().contains("allowed"), r.err());
        }
        assertFalse(Files.exists(dir.resolve("state")), "nothing started, nothing written");
    }

    @Test
    void withoutSparkOnTheClassPathMasterIsAClearError() throws Exception {
        Path x = writeX();
        Path y = writeY();
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.contains("/org/apache/spark/")) {
                cp.add(e);
            }
        }
        Path err = dir.resolve("err.txt");
        for (List<String> command : List.of(
                List.of("search", "--x", x.toString(), "--y", y.toString(), "--estimator", "svc", "--master", "local[2]"),
                List.of("kmeans", "--x", x.toString(), "--n-clusters", "2", "--master", "local[2]"))) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", String.join(java.io.File.pathSeparator, cp), Main.class.getName()));
            cmd.addAll(command);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(err.toFile()).start();
            try {
                assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
                assertEquals(ExitCode.FAILURE, p.exitValue());
                String text = Files.readString(err);
                assertTrue(text.contains("paraml: error: option '--master': Spark 4.x is not on the class path"), text);
                assertFalse(text.contains("\tat "), "no stack trace: " + text);
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
