package org.paraml.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.paraml.backend.BackendContractTest.assertMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paraml.backend.BackendInfo;
import org.paraml.backend.Backends;
import org.paraml.backend.FallbackBackend;

/**
 * The probe and the selection around it, on every machine: without a GPU (CI, this build machine)
 * the reason comes from the real failed load of the driver library, and every way of asking for
 * cuda says so; with one, auto selects cuda behind a fallback.
 */
class CudaProbeTest {
    @Test
    void theProbeGivesOneLineAndNeverThrows() {
        BackendInfo info = CudaBackend.probe();
        assertEquals("cuda", info.name());
        assertFalse(info.reason().isBlank());
        assertFalse(info.reason().contains("\n") || info.reason().contains("\r"), info.reason());
        assertEquals(info, Backends.describeAll().get(0));
        assertEquals(info, CudaBackend.probe(), "probed once");
    }

    /** True when no libcuda.so.1 is in the usual places, so loading the driver must fail. */
    private static boolean noDriverLibrary() {
        List<String> dirs = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64",
                "/lib64", "/usr/lib", "/usr/local/cuda/compat", "/usr/lib/wsl/lib"));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            dirs.addAll(List.of(ld.split(":")));
        }
        return dirs.stream().filter(d -> !d.isEmpty()).noneMatch(d -> Files.exists(Path.of(d, "libcuda.so.1")));
    }

    @Test
    void withoutTheDriverTheReasonIsTheFailedLoadOfLibcuda() {
        assumeTrue(noDriverLibrary(), "an NVIDIA driver library is installed");
        BackendInfo info = CudaBackend.probe();
        assertFalse(info.available());
        assertTrue(info.reason().startsWith("no NVIDIA driver (libcuda.so.1: cannot open shared object file"), info.reason());
        assertTrue(info.reason().endsWith("the CUDA backend needs a GPU of compute capability 7.5+ and an NVIDIA driver "
                + "r580 or newer (Linux 580.65.06+, the CUDA 13.0 driver)"), info.reason());
    }

    @Test
    void everyWayOfAskingForCudaWithoutAGpuSaysWhy() {
        BackendInfo info = CudaBackend.probe();
        assumeFalse(info.available(), "a GPU answers");
        assertMessage(IllegalStateException.class, "the CUDA backend is not available: " + info.reason(), CudaBackend::new);
        assertMessage(IllegalStateException.class, "backend 'cuda' is not available: " + info.reason(),
                () -> Backends.byName("cuda"));
        assertMessage(IllegalStateException.class, "backend 'cuda' was requested by -Dparaml.backend but is not available: "
                + info.reason() + ". Allowed: scalar, simd, cuda, auto", () -> Backends.choose("cuda", "-Dparaml.backend"));
        Backends.Selection auto = Backends.choose("auto", "test");
        assertTrue(auto.backend().name().equals("simd") || auto.backend().name().equals("scalar"), auto.message());
        assertTrue(auto.message().endsWith("; cuda not used: " + info.reason()), auto.message());
    }

    @Test
    void withAGpuAutoSelectsCudaBehindAFallback() {
        BackendInfo info = CudaBackend.probe();
        Gpu.requireOrSkip(info, Gpu.required(System.getenv(Gpu.REQUIRE)));
        Backends.Selection auto = Backends.choose("auto", "test");
        FallbackBackend f = assertInstanceOf(FallbackBackend.class, auto.backend());
        assertInstanceOf(CudaBackend.class, f.primary());
        assertEquals(Backends.vectorModulePresent() ? "simd" : "scalar", f.fallback().name());
        assertEquals("cuda", auto.backend().name());
        assertTrue(auto.message().startsWith("paraml backend: cuda (auto; " + info.reason() + "); on a GPU failure it "
                + "continues on " + f.fallback().name()), auto.message());
        assertInstanceOf(CudaBackend.class, Backends.choose("cuda", "test").backend(), "explicit: the bare backend");
    }

    @Test
    void theNativeLoadFailureIsReducedToOneLine() {
        String jcuda = """
                Error while loading native library "JCudaDriver-12.6.0-linux-x86_64"
                Operating system name: Linux
                ---(start of nested stack traces)---
                Stack trace from the attempt to load the library as a file:
                java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib
                \tat java.base/java.lang.ClassLoader.loadLibrary(ClassLoader.java:2434)
                Stack trace from the attempt to load the library as a resource:
                java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory
                \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
                ---(end of nested stack traces)---
                """;
        assertTrue(CudaProbe.nativeLoadFailure(new UnsatisfiedLinkError(jcuda)).startsWith(
                "no NVIDIA driver (libcuda.so.1: cannot open shared object file: No such file or directory); "));
        String other = jcuda.replace("libcuda.so.1: cannot open shared object file", "wrong ELF class: ELFCLASS32");
        assertEquals("JCuda's native library did not load: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: wrong ELF class: "
                + "ELFCLASS32: No such file or directory", CudaProbe.nativeLoadFailure(new UnsatisfiedLinkError(other)));
        assertEquals("JCuda's native library did not load: no JCuda here",
                CudaProbe.nativeLoadFailure(new UnsatisfiedLinkError("no JCuda here")));
        assertTrue(CudaProbe.nativeLoadFailure(new NoClassDefFoundError("jcuda/driver/JCudaDriver"))
                .startsWith("JCuda (org.jcuda:jcuda) is not on the class path"));
    }
}
