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
 * Once compiled, the Vector API loops keep their vectors in registers: the SMO loops allocate nothing,
 * a kernel-rows call a small constant, a k-means pass a few bytes a row. A vector that C2 has to box
 * (one passed to a helper it did not inline, for example) is allocated on every iteration of the loop
 * that carries it: on JDK 17 that made the SMO arg-max allocate 120 KB per 10,000 positions and take
 * twice the time, a sigmoid helper 32 bytes a value, and a poly helper (its method recompiled for poly after
 * rbf) 320 KB a row of 10,000 values. Run in a fresh JVM
 * ({@link SimdAllocationProbe}), where a fit is the loops' first caller.
 */
class SimdAllocationTest {
    private static final List<String> LOOPS = List.of("argmaxUp", "argminSecondOrder", "updateGradient",
            "updateGradientAndBar", "addScaled", "gather", "linearColumn", "linearRows", "rbfColumn", "rbfRows",
            "poly3Column", "poly3Rows", "poly2Column", "poly2Rows", "sigmoidColumn", "sigmoidRows", "lloydStep", "updateMinDistances");

    @Test
    void everyLoopStopsAllocatingOnceCompiled() throws Exception {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SimdAllocationProbe.class.getName())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the probe did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        for (String loop : LOOPS) {
            String line = out.lines().filter(l -> l.startsWith(loop + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no line for " + loop + " in:\n" + out));
            String[] f = line.split(" ");
            long perCall = Long.parseLong(f[2]);
            long allowance = Long.parseLong(f[3]);
            assertTrue(perCall <= allowance, loop + " still allocated " + perCall + " bytes a call in round " + f[1]
                    + " (allowed: " + allowance + "):\n" + out);
        }
    }
}
