package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.Backends;

/**
 * The backend selection as a user meets it: a fresh JVM running {@code paraml backends}, with and
 * without {@code -Dparaml.backend=cuda}, on a machine without a GPU (skipped where one answers).
 */
class BackendSelectionJvmTest {
    private BackendInfo cuda;

    @BeforeEach
    void withoutAGpu() {
        cuda = Backends.describeAll().get(0);
        assumeFalse(cuda.available(), "a GPU answers");
    }

    private record Run(int status, String out, String err) {
    }

    private static Run paraml(String... jvmOptionsThenArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        if (Backends.vectorModulePresent()) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        int i = 0;
        while (i < jvmOptionsThenArgs.length && jvmOptionsThenArgs[i].startsWith("-D")) {
            command.add(jvmOptionsThenArgs[i++]);
        }
        command.add(Main.class.getName());
        command.addAll(List.of(jvmOptionsThenArgs).subList(i, jvmOptionsThenArgs.length));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove(Backends.ENV);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "paraml did not finish");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void requestingCudaWithoutAGpuIsAClearUsageError() throws Exception {
        Run r = paraml("-Dparaml.backend=cuda", "backends");
        assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
        String expected = "backend 'cuda' was requested by -Dparaml.backend but is not available: " + cuda.reason()
                + ". Allowed: scalar, simd, cuda, auto";
        assertTrue(r.err().contains("paraml: error: " + expected), r.err());
        assertTrue(r.out().contains("cuda    not available  " + cuda.reason()), r.out());
        assertTrue(r.out().contains("selected: none: " + expected), r.out());
    }

    @Test
    void aCommandGivenAnUnavailableBackendSaysSoOnce() throws Exception {
        Run r = paraml("-Dparaml.backend=cuda", "kmeans", "--blobs", "1", "--block-rows", "100", "--n-clusters", "2");
        assertEquals(ExitCode.USAGE, r.status(), r.out() + r.err());
        String expected = "paraml: error: backend 'cuda' was requested by -Dparaml.backend but is not available: "
                + cuda.reason();
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().split("requested by", -1).length - 1, "said once: " + r.err());
    }

    @Test
    void autoPicksTheNextBackendAndSaysWhyCudaWasNotUsed() throws Exception {
        Run r = paraml("backends");
        assertEquals(ExitCode.OK, r.status(), r.out() + r.err());
        String next = Backends.vectorModulePresent() ? "simd" : "scalar";
        assertTrue(r.out().contains("selected: paraml backend: " + next + " (auto"), r.out());
        assertTrue(r.out().strip().endsWith("cuda not used: " + cuda.reason()), r.out());
        assertTrue(r.err().contains("INFO: paraml backend: " + next + " (auto"), "the selection is logged: " + r.err());
    }
}
