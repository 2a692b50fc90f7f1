package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA kernels' logic, where no GPU is at hand: {@code make -C native check-on-cpu} compiles the
 * committed .cu sources for the CPU (each CUDA thread a std::thread, {@code __syncthreads()} a
 * barrier) and checks them against direct loops: kernel values, narrow = wide tiles bit for bit,
 * gathered rows, float output, the k-means tie rule, partial sums and the group reduction. Skipped
 * (an assumption) without make and a C++20 compiler.
 */
class CudaKernelsOnCpuTest {
    @TempDir
    Path dir;

    @Test
    void theKernelsComputeWhatTheySayOnTheCpu() throws Exception {
        Path nativeDir = Path.of("native").toAbsolutePath();
        assumeTrue(Files.isRegularFile(nativeDir.resolve("Makefile")), "not run from the project root");
        assumeTrue(onPath("make") && onPath("g++"), "make and g++ are not on the PATH");
        Process p = new ProcessBuilder("make", "-s", "-C", nativeDir.toString(), "check-on-cpu",
                "CHECK=" + dir.resolve("check_kernels")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("all kernel checks passed on the CPU (0 failures)"), out);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d.isEmpty() ? "." : d, tool))) {
                return true;
            }
        }
        return false;
    }
}
