package org.paraml.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.paraml.backend.cuda.CudaBackend;

/** The device check's exit status: a backend named by --require that is not available fails it. */
class DeviceCheckTest {
    @Test
    void aRequiredBackendThatIsNotAvailableFailsTheCheck() {
        assertEquals(0, DeviceCheck.run(new String[]{"--backends", "scalar", "--require", "scalar", "--skip-svc",
                "--skip-kmeans"}));
        assumeFalse(CudaBackend.probe().available(), "a GPU answers");
        assertEquals(3, DeviceCheck.run(new String[]{"--backends", "cuda,scalar", "--require", "cuda", "--skip-svc",
                "--skip-kmeans"}));
    }

    @Test
    void smallFitsRunOnTheAvailableBackends() {
        assertEquals(0, DeviceCheck.run(new String[]{"--backends", "cuda,scalar", "--svc-rows", "300", "--kmeans-rows",
                "5000", "--threads", "1"}));
    }
}
