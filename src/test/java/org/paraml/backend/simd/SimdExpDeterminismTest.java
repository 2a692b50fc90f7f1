package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.paraml.backend.TestData;

/**
 * The SIMD rbf and sigmoid kernels give the same bits interpreted and compiled: a search's scores must not
 * depend on which of its fits ran while C2 was still compiling the kernel loops (the Vector API's own
 * {@code EXP} ran {@code Math.exp} lane by lane until then, and SVML's routine after, which round differently).
 * The rbf values must equal {@link SimdExp#exp} exactly (subnormal results and +0.0 included); the sigmoid values
 * (on {@link SimdExp#expm1}) must be the same in a JVM that interprets everything ({@code -Xint}) as in this one
 * after many calls.
 */
class SimdExpDeterminismTest {
    /** Enough calls of the rows' loops for C2 to compile them, and then many compiled calls. */
    private static final int WARM_ROUNDS = 3_000;

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws Exception {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        String first = SimdExpProbe.results();
        for (int round = 0; round < WARM_ROUNDS; round++) {
            SimdExpProbe.results();
        }
        String compiled = SimdExpProbe.results();
        String interpreted = TestData.runInFreshJvm(SimdExpProbe.class, 300, "-Xint", "-Xmx256m").lines()
                .filter(l -> l.startsWith("rbf ")).findFirst().orElse("no result line");
        int total = SimdExpProbe.RBF_GAMMAS.length * SimdExpProbe.ROWS.length * SimdExpProbe.POINTS;
        String exact = "rbf values off SimdExp.exp: 0 of " + total + ";";
        assertEquals(exact, first.substring(0, exact.length()), "the first call in this JVM");
        assertEquals(first, compiled, "after " + WARM_ROUNDS + " rounds");
        assertEquals(compiled, interpreted, "interpreted (-Xint) against compiled");
    }
}
