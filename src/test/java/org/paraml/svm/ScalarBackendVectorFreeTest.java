package org.paraml.svm;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.backend.TestData;

/**
 * A fit on the scalar backend runs no Vector API code, even where the module is readable: its solves take
 * the scalar SMO loops ({@code SolverSettings.ops}), not {@code SmoOps.best()}. Checked in a fresh JVM
 * ({@link ScalarFitProbe}) by the classes it loads: none of {@code org.paraml.backend.simd} and none of
 * {@code jdk.incubator.vector}.
 */
class ScalarBackendVectorFreeTest {
    @Test
    void aScalarFitLoadsNoVectorApiClass() throws Exception {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        String out = TestData.runInFreshJvm(ScalarFitProbe.class, 120, "-Xlog:class+load=info");
        List<String> loads = out.lines().filter(l -> l.contains("[class,load]")).toList();
        assertTrue(loads.size() > 100, "the class loading log is there: " + loads.size() + " lines");
        assertTrue(loads.stream().anyMatch(l -> l.contains("org.paraml.svm.SmoSolver ")), "the fit ran");
        List<String> vector = loads.stream()
                .filter(l -> l.contains(" org.paraml.backend.simd.") || l.contains(" jdk.incubator.vector."))
                .toList();
        assertTrue(vector.isEmpty(), "a scalar fit loaded Vector API classes:\n" + String.join("\n", vector));
        assertTrue(out.contains("n_support ["), out.lines().filter(l -> !l.contains("[class,load]")).toList()
                .toString());
    }
}
