package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paraml.backend.TestData;

/**
 * Once compiled, the Vector API loops keep their vectors in registers: the SMO loops allocate nothing (also
 * through {@code SmoOps.best()}, whose vector loops are compiled from short probes and which, once switched,
 * creates nothing per call),
 * a kernel-rows call a small constant, a k-means pass a few bytes a row. A vector that C2 has to box
 * (one passed to a helper it did not inline, for example) is allocated on every iteration of the loop
 * that carries it: on JDK 17 that made the SMO arg-max allocate 120 KB per 10,000 positions and take
 * twice the time, a sigmoid helper 32 bytes a value, and a poly helper (its method recompiled for poly after
 * rbf) 320 KB a row of 10,000 values. Run in a fresh JVM
 * ({@link SimdAllocationProbe}), where a fit is the loops' first caller.
 *
 * <p>A loop fails only if it still allocates in {@value #ATTEMPTS} fresh JVMs: on a loaded host C2 can
 * compile a loop from a profile too young to inline its vector calls (the same as {@code -Xbatch} gives
 * every time, for the k-means passes of code that passes here otherwise), and that JVM keeps the boxing code.
 * The defects this test is for (a helper left out of line) allocate in every JVM.
 */
class SimdAllocationTest {
    private static final List<String> LOOPS = List.of("warming.argmaxUp", "warming.argminSecondOrder",
            "warming.updateGradient", "warming.updateGradientAndBar", "warming.addScaled", "warming.gather",
            "warming.copy", "warming.addTerms", "argmaxUp", "argminSecondOrder", "updateGradient",
            "updateGradientAndBar", "addScaled", "gather", "copy", "addTerms", "linearColumn", "linearRows",
            "rbfColumn", "rbfRows", "poly3Column", "poly3Rows", "poly2Column", "poly2Rows", "sigmoidColumn",
            "sigmoidRows", "lloydStep", "updateMinDistances");

    /** Fresh JVMs a loop must keep allocating in before the test fails (see the class comment). */
    private static final int ATTEMPTS = 3;

    @Test
    void everyLoopStopsAllocatingOnceCompiled() throws Exception {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        Set<String> failing = new LinkedHashSet<>(LOOPS);
        StringBuilder report = new StringBuilder();
        for (int attempt = 1; attempt <= ATTEMPTS && !failing.isEmpty(); attempt++) {
            String out = runProbe();
            Set<String> still = new LinkedHashSet<>();
            for (String loop : failing) {
                String line = out.lines().filter(l -> l.startsWith(loop + " ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no line for " + loop + " in:\n" + out));
                String[] f = line.split(" ");
                if (Long.parseLong(f[2]) > Long.parseLong(f[3])) {
                    still.add(loop);
                    report.append("attempt ").append(attempt).append(": ").append(loop).append(" still allocated ")
                            .append(f[2]).append(" bytes a call in round ").append(f[1]).append(" (allowed: ")
                            .append(f[3]).append(")\n");
                }
            }
            if (!still.isEmpty()) {
                report.append(out).append('\n');
            }
            failing = still;
        }
        assertTrue(failing.isEmpty(), failing + " allocated in all " + ATTEMPTS + " fresh JVMs:\n" + report);
    }

    private static String runProbe() throws Exception {
        return TestData.runInFreshJvm(SimdAllocationProbe.class, 300, "-Xmx256m");
    }
}
