package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.paraml.backend.TestData;

/**
 * Once compiled, the Vector API SMO loops allocate nothing: they keep their vectors in registers.
 * A vector that C2 has to box (for example one passed to a helper it did not inline) is allocated
 * on every iteration of the loop that carries it; on JDK 17 that made {@code argmaxUp} allocate
 * 120 KB per 10,000 positions and take twice the time, and the garbage it made paused two-thread
 * solves once per fit. Run in a fresh JVM ({@link SmoLoopAllocationProbe}), where a solve is the
 * loops' first caller.
 */
class SmoLoopAllocationTest {
    private static final List<String> LOOPS =
            List.of("argmaxUp", "argminSecondOrder", "updateGradient", "updateGradientAndBar", "addScaled", "gather");

    @Test
    void everyLoopStopsAllocatingOnceCompiled() throws Exception {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SmoLoopAllocationProbe.class.getName())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        for (String loop : LOOPS) {
            String line = out.lines().filter(l -> l.startsWith(loop + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + loop + " in:\n" + out));
            String[] f = line.split(" ");
            assertEquals("0", f[2], loop + " still allocated " + f[2] + " bytes in round " + f[1] + " of "
                    + SmoLoopAllocationProbe.CALLS_PER_ROUND + " calls (positions: " + SmoLoopAllocationProbe.POSITIONS
                    + "):\n" + out);
        }
    }
}
