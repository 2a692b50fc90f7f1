package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** The shipped PTX and the messages for a driver that rejects it; no GPU needed. */
class PtxTest {
    @Test
    void theShippedPtxIsIsa90ForTuringAndDefinesTheKernels() {
        for (String module : Ptx.MODULES) {
            byte[] ptx = Ptx.resource(module);
            assertEquals(0, ptx[ptx.length - 1], "NUL-terminated for cuModuleLoadData");
            Ptx.Header h = Ptx.header(ptx);
            assertEquals("9.0", h.isa(), module);
            assertEquals("sm_75", h.target(), module);
            assertEquals(13000, h.cudaVersion());
        }
        assertEquals(List.of("kmat_narrow_f64", "kmat_narrow_f32", "kmat_wide_f64", "kmat_wide_f32", "row_sq_norms"),
                Ptx.entries(Ptx.resource("kernel_matrix")));
        assertEquals(List.of("kmeans_lloyd", "kmeans_update_min", "kmeans_reduce_groups", "kmeans_lloyd_rows",
                        "kmeans_update_min_rows"),
                Ptx.entries(Ptx.resource("kmeans")));
    }

    @Test
    void aDriverOlderThanThePtxIsToldWhichDriverItNeeds() {
        Ptx.Header h = Ptx.header(Ptx.resource("kmeans"));
        assertEquals("the driver rejected the PTX of module kmeans (CUDA_ERROR_UNSUPPORTED_PTX_VERSION): it is PTX ISA "
                        + "9.0 (CUDA 13.0), which needs an NVIDIA driver r580 or newer (Linux 580.65.06+, the CUDA 13.0 "
                        + "driver), but the driver supports CUDA 12.4: update the NVIDIA driver",
                Ptx.loadFailure(CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "kmeans", h, 12040));
        // another error from a driver that is too old says the same
        assertTrue(Ptx.loadFailure(CUresult.CUDA_ERROR_INVALID_PTX, "kmeans", h, 12080)
                .endsWith("but the driver supports CUDA 12.8: update the NVIDIA driver"));
    }

    @Test
    void otherRejectionsNameTheErrorAndThePtx() {
        Ptx.Header h = Ptx.header(Ptx.resource("kernel_matrix"));
        assertEquals("the driver rejected the PTX of module kernel_matrix (CUDA_ERROR_INVALID_PTX): PTX ISA 9.0 for "
                + "sm_75; the driver supports CUDA 13.0", Ptx.loadFailure(CUresult.CUDA_ERROR_INVALID_PTX,
                "kernel_matrix", h, 13000));
        assertEquals("the driver rejected the PTX of module junk (CUDA_ERROR_INVALID_IMAGE): it is not PTX (no "
                + ".version / .target line)", Ptx.loadFailure(CUresult.CUDA_ERROR_INVALID_IMAGE, "junk", null, 13000));
        byte[] junk = "not ptx at all".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> Ptx.header(junk));
        assertEquals("a driver that supports PTX ISA 8.5", new Ptx.Header(8, 5, "sm_75").driverRequirement());
        assertEquals("an NVIDIA driver of CUDA 13.2 or newer", new Ptx.Header(9, 2, "sm_75").driverRequirement());
    }
}
