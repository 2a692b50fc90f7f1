package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster launched as {@code paraml cluster start --authenticate} launches it (daemons that outlive their
 * starter) requires the shared secret: a client with it runs jobs, a client without it is refused; and
 * {@link StandaloneCluster#stop(Path)} stops exactly the recorded processes. The refused client runs in a JVM of
 * its own, ended as soon as the master's refusal shows in its log (Spark itself retries for a minute).
 */
@Tag("spark")
class SparkClusterAuthenticationTest {
    @TempDir
    Path state;

    @Test
    void aClientWithoutTheSecretIsRefusedAndStopEndsEveryProcess() throws Exception {
        StandaloneCluster c = StandaloneCluster.launch(ClusterOptions.defaults().withPort(0).withWorkers(1)
                .withStateDir(state).withAuthentication(true, null));
        List<ProcessHandle> started = new ArrayList<>(c.workers());
        started.add(c.master());
        // launched daemons outlive their starter: if this JVM ends before the finally below, end them anyway
        Thread hook = new Thread(() -> started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Path secret = c.secretFile();
            assertEquals(state.resolve("secret"), secret);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertEquals(c.masterUrl(), StandaloneCluster.recordedMaster(state).orElseThrow());
            for (ProcessHandle p : started) {
                assertFalse(StandaloneCluster.commandLine(p).contains(SparkContexts.readSecret(secret)),
                        "the secret is not on a command line");
            }

            // a client without the secret, in a JVM of its own: the master refuses its connection (SASL)
            Path out = state.resolve("stranger.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
            cmd.addAll(List.of("-Xmx512m", "-cp", SparkContexts.absoluteClassPath(), RefusedClientMain.class.getName(),
                    c.masterUrl()));
            Process stranger = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!Files.readString(out).contains("Expected SaslMessage") && stranger.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                String log = Files.readString(out);
                assertTrue(log.contains("Failed to connect to master") && log.contains("Expected SaslMessage"), log);
                assertFalse(log.contains("RAN"), "a client without the secret runs nothing");
                // once Spark gives up (about a minute), creating the context fails with a message that names the
                // secret file, instead of handing back a context that stops a moment later (a job started on it
                // would wait forever)
                assertTrue(stranger.waitFor(150, TimeUnit.SECONDS), "the refused client ends");
                log = Files.readString(out);
                assertTrue(log.contains("REFUSED the Spark master " + c.masterUrl() + " did not accept this application")
                        && log.contains("'--secret-file'"), log);
                assertFalse(log.contains("RAN"), "a client without the secret runs nothing");
            } finally {
                stranger.destroyForcibly();
                assertTrue(stranger.waitFor(30, TimeUnit.SECONDS));
            }
            assertFalse(stranger.isAlive());
            String masterLog = Files.readString(state.resolve("logs").resolve("master.log"));
            assertFalse(masterLog.contains("Registering app no-secret"), "the master never registered it");

            JavaSparkContext friend = SparkContexts.create(c.masterUrl(), "with-secret", secret, Map.of());
            try {
                assertEquals(3L, friend.parallelize(List.of(1, 2, 3), 3).countAsync().get(90, TimeUnit.SECONDS));
            } finally {
                friend.stop();
            }
        } finally {
            List<Long> stopped = StandaloneCluster.stop(state);
            for (ProcessHandle p : started) {
                p.destroyForcibly(); // in case stop failed: never leave a daemon behind
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            assertEquals(started.stream().map(ProcessHandle::pid).sorted().toList(), stopped.stream().sorted().toList());
        }
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " still runs after stop");
        }
        assertTrue(StandaloneCluster.recordedMaster(state).isEmpty());
        assertEquals(List.of(), StandaloneCluster.stop(state), "a second stop finds nothing to stop");
    }
}
