package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.paraml.backend.BackendContractTest.assertMessage;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void surefireRunMatchesTheModuleFlag() {
        // guards the two surefire executions: the "present" run must really exercise SIMD
        String expected = System.getProperty("paraml.test.vectorModule");
        assumeTrue(expected != null, "not started by surefire");
        assertEquals(expected.equals("present"), Backends.vectorModulePresent());
    }

    private static BackendInfo cuda() {
        return Backends.describeAll().get(0);
    }

    @Test
    void withoutTheModuleSelectFallsBackToScalarAndNamesTheFlag() {
        assumeFalse(Backends.vectorModulePresent());
        assumeFalse(cuda().available(), "a GPU answers");
        assumeTrue(Backends.requested() == null, "an explicit backend is requested in this JVM");
        assertInstanceOf(ScalarBackend.class, Backends.select());
        String msg = Backends.selectionMessage();
        assertTrue(msg.startsWith("paraml backend: scalar (auto)"), msg);
        assertTrue(msg.contains("--add-modules jdk.incubator.vector"), msg);
        assertTrue(msg.endsWith("; cuda not used: " + cuda().reason()), msg);
        BackendInfo simd = Backends.describeAll().get(1);
        assertEquals("simd", simd.name());
        assertFalse(simd.available());
        assertMessage(IllegalStateException.class, "backend 'simd' was requested by -Dparaml.backend but is not "
                        + "available: module jdk.incubator.vector is not readable; start java with --add-modules "
                        + "jdk.incubator.vector. Allowed: scalar, simd, cuda, auto",
                () -> Backends.choose("simd", "-Dparaml.backend"));
        assertMessage(IllegalStateException.class, "backend 'simd' is not available", () -> Backends.byName("simd"));
    }

    @Test
    void withTheModuleSelectPicksSimd() {
        assumeTrue(Backends.vectorModulePresent());
        assumeFalse(cuda().available(), "a GPU answers");
        assumeTrue(Backends.requested() == null, "an explicit backend is requested in this JVM");
        assertEquals("simd", Backends.select().name());
        assertTrue(Backends.selectionMessage().startsWith("paraml backend: simd (auto; jdk.incubator.vector is readable"),
                Backends.selectionMessage());
        assertEquals("simd", Backends.choose("SIMD", "test").backend().name());
        assertTrue(Backends.describeAll().get(1).available());
    }

    @Test
    void explicitChoicesAndTheirErrors() {
        Backends.Selection s = Backends.choose("scalar", "PARAML_BACKEND");
        assertEquals("scalar", s.backend().name());
        assertTrue(s.message().startsWith("paraml backend: scalar (requested by PARAML_BACKEND)"), s.message());
        if (!cuda().available()) {
            assertMessage(IllegalStateException.class, "backend 'cuda' was requested by -Dparaml.backend but is not "
                    + "available: " + cuda().reason() + ". Allowed: scalar, simd, cuda, auto",
                    () -> Backends.choose("cuda", "-Dparaml.backend"));
        }
        assertMessage(IllegalArgumentException.class, "unknown backend 'gpu' in PARAML_BACKEND: allowed scalar, simd, cuda, auto",
                () -> Backends.choose("gpu", "PARAML_BACKEND"));
        assertEquals(Backends.choose(null, "x").backend().name(), Backends.choose(" Auto ", "x").backend().name());
    }

    @Test
    void byNameAndDescribeAll() {
        assertEquals("scalar", Backends.byName("Scalar").name());
        assertMessage(IllegalArgumentException.class, "unknown backend 'foo'", () -> Backends.byName("foo"));
        assertMessage(IllegalArgumentException.class, "not 'auto'", () -> Backends.byName("auto"));
        if (!cuda().available()) {
            assertMessage(IllegalStateException.class, "backend 'cuda' is not available: " + cuda().reason(),
                    () -> Backends.byName("cuda"));
        }
        List<BackendInfo> all = Backends.describeAll();
        assertEquals(List.of("cuda", "simd", "scalar"), all.stream().map(BackendInfo::name).toList());
        assertEquals(org.paraml.backend.cuda.CudaBackend.probe(), all.get(0));
        assertFalse(all.get(0).reason().isBlank());
        assertFalse(all.get(0).reason().contains("\n"), "one line");
        assertTrue(all.get(2).available());
        assertEquals(Backends.vectorModulePresent(), all.get(1).available());
    }
}
