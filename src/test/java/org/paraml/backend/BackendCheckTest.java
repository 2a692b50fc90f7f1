package org.paraml.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendCheckTest {
    private static final BackendCheck.Options SMALL = new BackendCheck.Options(2, 0.05, 7, 500, 16, 5000, 20, 12);

    @Test
    void everyAvailableBackendPasses() {
        for (BackendInfo info : Backends.describeAll()) {
            if (!info.available()) {
                continue;
            }
            BackendCheck.Result r = BackendCheck.run(Backends.byName(info.name()), SMALL);
            assertEquals("pass", r.check(), info.name() + ": " + r.failures());
            assertTrue(r.passed());
            assertTrue(r.maxRelError() <= Backend.RELATIVE_TOLERANCE, "error " + r.maxRelError());
            assertTrue(r.kernelRowsPerSecond() > 0, "kernel rate " + r.kernelRowsPerSecond());
            assertTrue(r.kmeansRowsPerSecond() > 0, "kmeans rate " + r.kmeansRowsPerSecond());
            assertEquals(List.of("backend", "check", "max_rel_error", "failures", "threads", "kernel_rows_per_second",
                    "kmeans_rows_per_second"), List.copyOf(r.toMap().keySet()));
        }
    }

    @Test
    void aWrongBackendFails() {
        ScalarBackend ref = new ScalarBackend();
        Backend wrong = (Backend) java.lang.reflect.Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[]{Backend.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(ref, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("lloydStep") && args[5] != null) {
                        ((double[]) args[5])[0] += 1e-6; // corrupt the sums
                    }
                    return result;
                });
        BackendCheck.Result r = BackendCheck.run(wrong, new BackendCheck.Options(1, 0, 7, 10, 2, 10, 2, 2));
        assertEquals("fail", r.check());
        assertTrue(r.failures().get(0).contains("lloydStep sums"), r.failures().toString());
        assertTrue(Double.isNaN(r.kernelRowsPerSecond()));
    }
}
