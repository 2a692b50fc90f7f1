package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster launched as {@code paraml cluster start --authenticate} launches it (daemons that outlive their
 * starter) requires the shared secret: a client with it runs jobs, a client without it gets no executor; and
 * {@link StandaloneCluster#stop(Path)} stops exactly the recorded processes.
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
        try {
            Path secret = c.secretFile();
            assertEquals(state.resolve("secret"), secret);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertEquals(c.masterUrl(), StandaloneCluster.recordedMaster(state).orElseThrow());
            for (ProcessHandle p : started) {
                assertFalse(StandaloneCluster.commandLine(p).contains(SparkContexts.readSecret(secret)),
                        "the secret is not on a command line");
            }

            // the master refuses the connection (SASL), the client retries for a minute (Spark's fixed 3 x 20 s),
            // then gives up: its context comes back dead and no job runs
            JavaSparkContext stranger = SparkContexts.create(c.masterUrl(), "no-secret", null, Map.of());
            try {
                JavaFutureAction<Long> job = stranger.parallelize(List.of(1, 2, 3), 3).countAsync();
                assertThrows(ExecutionException.class, () -> job.get(30, TimeUnit.SECONDS));
                assertTrue(stranger.sc().isStopped(), "the refused client's context has stopped");
            } finally {
                stranger.stop();
            }
            String masterLog = Files.readString(state.resolve("logs").resolve("master.log"));
            assertFalse(masterLog.contains("Registering app no-secret"), "the master never registered it");

            JavaSparkContext friend = afterTheDeadContextStopped(() -> SparkContexts.create(c.masterUrl(),
                    "with-secret", secret, Map.of()));
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
            assertEquals(started.stream().map(ProcessHandle::pid).sorted().toList(), stopped.stream().sorted().toList());
        }
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive(), "pid " + p.pid() + " still runs after stop");
        }
        assertTrue(StandaloneCluster.recordedMaster(state).isEmpty());
        assertEquals(List.of(), StandaloneCluster.stop(state), "a second stop finds nothing to stop");
    }

    /** The refused context stops on a thread of its own: retry while Spark still counts it as running. */
    private static JavaSparkContext afterTheDeadContextStopped(Callable<JavaSparkContext> create) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return create.call();
            } catch (SparkException e) {
                if (!String.valueOf(e.getMessage()).contains("Only one SparkContext") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
