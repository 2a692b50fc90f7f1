package org.paraml.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link StandaloneCluster} refuses before it starts any daemon: a master port that something else
 * listens on, a state folder that is a file.
 */
@Tag("spark")
class StandaloneClusterStartTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsRefusedAtOnceInsteadOfMovingTheMaster() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path state = dir.resolve("state");
            // Spark would bind the next port, and the workers, given the URL of this one, would join whatever
            // listens here (another cluster's master)
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                    () -> StandaloneCluster.start(ClusterOptions.defaults().withPort(port).withWorkers(1)
                            .withStateDir(state))));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port + ": the port is in use")
                    && e.getMessage().contains("--port"), e.getMessage());
            assertFalse(Files.exists(state.resolve("logs").resolve("master.log")), "no master was started");
        }
    }

    @Test
    void aStateFolderThatIsAFileIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("state"), "not a folder");
        for (org.junit.jupiter.api.function.Executable call : new org.junit.jupiter.api.function.Executable[] {
            () -> StandaloneCluster.start(ClusterOptions.defaults().withPort(0).withWorkers(1).withStateDir(file)),
            () -> StandaloneCluster.stop(file)}) {
            IOException e = assertThrows(IOException.class, call);
            assertTrue(e.getMessage().contains("invalid cluster state folder " + file + ": it is a file")
                    && e.getMessage().contains("--state-dir"), e.getMessage());
        }
    }
}
