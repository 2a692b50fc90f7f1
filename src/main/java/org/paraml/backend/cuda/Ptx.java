package org.paraml.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.paraml.backend.BackendFailureException;

/**
 * The PTX that the CUDA backend ships as resources (built from {@code native/} by its Makefile):
 * reading it, what driver it needs, and loading it into the current context with a message that
 * says what to do when the driver rejects it.
 *
 * <p>PTX is forward compatible (the driver compiles it for any newer GPU) but not backward: a driver
 * older than the toolkit that wrote the PTX rejects its ISA version with
 * {@code CUDA_ERROR_UNSUPPORTED_PTX_VERSION}. The shipped PTX is ISA 9.0 from CUDA 13.0, so it needs
 * a driver of the r580 branch or newer.
 */
final class Ptx {
    /** The modules, as resources {@code <name>.ptx} next to this class. */
    static final String[] MODULES = {"kernel_matrix", "kmeans"};

    private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\.version\\s+(\\d+)\\.(\\d+)\\s*$");
    private static final Pattern TARGET = Pattern.compile("(?m)^\\s*\\.target\\s+(\\S+)\\s*$");
    private static final Pattern ENTRY = Pattern.compile("(?m)^\\s*\\.visible\\s+\\.entry\\s+(\\w+)\\(");

    private Ptx() {
    }

    /**
     * What a PTX text declares.
     *
     * @param isaMajor PTX ISA version, major part ({@code .version 9.0} gives 9)
     * @param isaMinor PTX ISA version, minor part
     * @param target   the {@code .target}, e.g. "sm_75"
     */
    record Header(int isaMajor, int isaMinor, String target) {
        /** "9.0". */
        String isa() {
            return isaMajor + "." + isaMinor;
        }

        /**
         * The CUDA version (driver API numbering, 13000 = 13.0) that introduced this PTX ISA, which a
         * driver must support: ISA 9.y came with CUDA 13.y. 0 for the older ISAs, whose numbering
         * does not follow the toolkit's (this backend never ships them).
         */
        int cudaVersion() {
            return isaMajor >= 9 ? (isaMajor + 4) * 1000 + isaMinor * 10 : 0;
        }

        /** The driver that runs this PTX, in words. */
        String driverRequirement() {
            return switch (cudaVersion()) {
                case 0 -> "a driver that supports PTX ISA " + isa();
                case 13000 -> "an NVIDIA driver r580 or newer (Linux 580.65.06+, the CUDA 13.0 driver)";
                default -> "an NVIDIA driver of CUDA " + CudaCalls.cudaVersion(cudaVersion()) + " or newer";
            };
        }
    }

    /** The shipped PTX of {@code module}, as bytes with a terminating NUL (as the driver reads it). */
    static byte[] resource(String module) {
        String name = module + ".ptx";
        try (InputStream in = Ptx.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing next to " + Ptx.class.getName()
                        + "; rebuild it with make -C native");
            }
            byte[] text = in.readAllBytes();
            return Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + name, e);
        }
    }

    /** The header of a PTX text. */
    static Header header(byte[] ptx) {
        String text = text(ptx);
        Matcher v = VERSION.matcher(text);
        Matcher t = TARGET.matcher(text);
        if (!v.find() || !t.find()) {
            throw new IllegalArgumentException("not PTX: no .version or .target line");
        }
        return new Header(Integer.parseInt(v.group(1)), Integer.parseInt(v.group(2)), t.group(1));
    }

    /** The names of the kernels ({@code .visible .entry}) a PTX text defines, in order. */
    static java.util.List<String> entries(byte[] ptx) {
        Matcher m = ENTRY.matcher(text(ptx));
        java.util.List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String text(byte[] ptx) {
        int n = ptx.length > 0 && ptx[ptx.length - 1] == 0 ? ptx.length - 1 : ptx.length;
        return new String(ptx, 0, n, StandardCharsets.US_ASCII);
    }

    /**
     * Loads {@code ptx} (NUL-terminated) as a module into the current context.
     *
     * @param module        the module's name, for messages
     * @param driverVersion what {@code cuDriverGetVersion} reported
     * @throws BackendFailureException with {@link #loadFailure}'s message when the driver rejects it
     */
    static CUmodule load(byte[] ptx, String module, int driverVersion) {
        CUmodule m = new CUmodule();
        int result = JCudaDriver.cuModuleLoadData(m, ptx);
        if (result != CUresult.CUDA_SUCCESS) {
            Header header;
            try {
                header = header(ptx);
            } catch (IllegalArgumentException e) {
                header = null;
            }
            throw new BackendFailureException(CudaBackend.NAME, result == CUresult.CUDA_ERROR_OUT_OF_MEMORY,
                    loadFailure(result, module, header, driverVersion), null);
        }
        return m;
    }

    /**
     * The one-line message for a driver that rejected a module's PTX with {@code result}: what was
     * rejected, and for a PTX ISA newer than the driver, which driver the PTX needs.
     *
     * @param header        the PTX's header, or null when it has none
     * @param driverVersion what {@code cuDriverGetVersion} reported (13000 = CUDA 13.0)
     */
    static String loadFailure(int result, String module, Header header, int driverVersion) {
        String driver = "the driver supports CUDA " + CudaCalls.cudaVersion(driverVersion);
        String what = "the driver rejected the PTX of module " + module + " (" + CUresult.stringFor(result) + ")";
        if (header == null) {
            return what + ": it is not PTX (no .version / .target line)";
        }
        boolean tooOld = driverVersion < header.cudaVersion();
        if (result == CUresult.CUDA_ERROR_UNSUPPORTED_PTX_VERSION || tooOld) {
            String cuda = header.cudaVersion() == 0 ? "" : " (CUDA " + CudaCalls.cudaVersion(header.cudaVersion()) + ")";
            return what + ": it is PTX ISA " + header.isa() + cuda + ", which needs " + header.driverRequirement()
                    + ", but " + driver + ": update the NVIDIA driver";
        }
        return what + ": PTX ISA " + header.isa() + " for " + header.target() + "; " + driver;
    }
}
