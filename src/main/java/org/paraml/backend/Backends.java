package org.paraml.backend;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the backend, once per JVM, as Lucene's {@code VectorizationProvider} does.
 *
 * <p><b>Explicit choice wins:</b> the system property {@value #PROPERTY} or else the environment
 * variable {@value #ENV}, one of {@code scalar | simd | cuda | auto}. An explicit backend that is not
 * available is an error that names it, says why, and lists what is allowed. {@code auto} (or
 * nothing) picks the best available: cuda when a GPU answers the probe (driver, device, the shipped
 * PTX loads, memory can be allocated, a kernel runs), then simd when the module
 * {@code jdk.incubator.vector} is readable, else scalar.
 *
 * <p><b>Failures at run time.</b> {@code auto} wraps cuda in a {@link FallbackBackend}: when the GPU
 * fails in the middle of a fit ({@link BackendFailureException}: out of device memory, a device
 * error) the operation is repeated on the next backend (simd, else scalar), with one WARNING, and the
 * rest of the run stays there. An explicit {@code cuda} (and {@link #byName}) is the bare GPU
 * backend: its failures reach the caller, who asked for the GPU and should learn that it failed.
 *
 * <p>The SIMD classes link against the incubator module and the CUDA classes against JCuda, so both
 * are loaded by name: the library loads and works without either. {@link #select()} logs one line
 * (logger {@code org.paraml.backend}; INFO) naming the choice and why the better ones were not used,
 * with the flag that makes SIMD available.
 */
public final class Backends {
    /** System property naming the backend: scalar, simd, cuda or auto. */
    public static final String PROPERTY = "paraml.backend";
    /** Environment variable read when {@link #PROPERTY} is not set. */
    public static final String ENV = "PARAML_BACKEND";
    /** The incubator module the SIMD backend needs. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The JVM flag that makes {@link #VECTOR_MODULE} readable. */
    public static final String VECTOR_FLAG = "--add-modules " + VECTOR_MODULE;

    private static final String ALLOWED = "scalar, simd, cuda, auto";
    private static final String SIMD_CLASS = "org.paraml.backend.simd.SimdBackend";
    private static final String CUDA_CLASS = "org.paraml.backend.cuda.CudaBackend";
    private static final System.Logger LOG = System.getLogger("org.paraml.backend");

    private Backends() {
    }

    /**
     * A backend choice and the sentence that explains it.
     *
     * @param backend the chosen backend
     * @param message one line: what was chosen, why, and what would make a better one available
     */
    public record Selection(Backend backend, String message) {
    }

    /**
     * The backend for this JVM: decided on first call from {@value #PROPERTY} / {@value #ENV} (see
     * the class comment), logged once at INFO, then returned on every call.
     *
     * @throws IllegalStateException if an explicitly requested backend is not available, or the
     *                               request names no backend
     */
    public static Backend select() {
        return Holder.selection().backend();
    }

    /** The message logged by {@link #select()} (making the choice if not made yet). */
    public static String selectionMessage() {
        return Holder.selection().message();
    }

    /** The request in force: {@value #PROPERTY}, else {@value #ENV}, else null (auto). */
    public static String requested() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p;
        }
        String e = System.getenv(ENV);
        return e != null && !e.isBlank() ? e : null;
    }

    /**
     * Makes a choice for {@code request} (scalar, simd, cuda, auto; null or blank means auto)
     * without caching or logging it. {@code source} names where the request came from, for messages.
     *
     * @throws IllegalStateException if an explicitly requested backend is not available
     * @throws IllegalArgumentException if the request names no backend
     */
    public static Selection choose(String request, String source) {
        String r = request == null || request.isBlank() ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        if (r.equals("auto")) {
            BackendInfo cuda = describe("cuda");
            BackendInfo simd = describe("simd");
            if (cuda.available()) {
                Backend next = simd.available() ? byName("simd") : new ScalarBackend();
                return new Selection(new FallbackBackend(byName("cuda"), next), "paraml backend: cuda (auto; "
                        + cuda.reason() + "); on a GPU failure it continues on " + next.name());
            }
            if (simd.available()) {
                return new Selection(byName("simd"), "paraml backend: simd (auto; " + simd.reason()
                        + "); cuda not used: " + cuda.reason());
            }
            return new Selection(new ScalarBackend(), "paraml backend: scalar (auto); simd not used: "
                    + simd.reason() + "; cuda not used: " + cuda.reason());
        }
        checkKnown(r, source);
        BackendInfo info = describe(r);
        if (!info.available()) {
            throw new IllegalStateException("backend '" + r + "' was requested by " + source
                    + " but is not available: " + info.reason() + ". Allowed: " + ALLOWED
                    + " (auto picks the best available)");
        }
        String msg = "paraml backend: " + r + " (requested by " + source + ")";
        if (!r.equals("simd") && !describe("simd").available()) {
            msg += "; to make simd available add " + VECTOR_FLAG;
        }
        return new Selection(byName(r), msg);
    }

    /**
     * A new instance of the named backend (scalar, simd or cuda).
     *
     * @throws IllegalArgumentException if the name is none of those
     * @throws IllegalStateException    if that backend is not available here (the message says why)
     */
    public static Backend byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        checkKnown(n, "byName");
        if (n.equals("auto")) {
            throw new IllegalArgumentException("byName needs a concrete backend, not 'auto': one of scalar, simd, cuda");
        }
        BackendInfo info = describe(n);
        if (!info.available()) {
            throw new IllegalStateException("backend '" + n + "' is not available: " + info.reason());
        }
        return switch (n) {
            case "scalar" -> new ScalarBackend();
            case "simd" -> loadSimd().orElseThrow();
            default -> loadCuda();
        };
    }

    /**
     * Every backend this library knows, in order of preference for auto: cuda, simd, scalar. The
     * first call probes the GPU (loading the driver, the PTX and a test kernel: up to a few seconds).
     */
    public static List<BackendInfo> describeAll() {
        return List.of(describe("cuda"), describe("simd"), describe("scalar"));
    }

    /** True when the module {@value #VECTOR_MODULE} is in the boot layer (so readable by the library). */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static BackendInfo describe(String name) {
        return switch (name) {
            case "scalar" -> new BackendInfo("scalar", true, "plain Java, always available");
            case "cuda" -> describeCuda();
            case "simd" -> describeSimd();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static BackendInfo describeSimd() {
        if (!vectorModulePresent()) {
            return new BackendInfo("simd", false, "module " + VECTOR_MODULE + " is not readable; start java with "
                    + VECTOR_FLAG);
        }
        try {
            Optional<Backend> simd = loadSimd();
            String shape = (String) Class.forName(SIMD_CLASS).getMethod("vectorShape").invoke(null);
            return new BackendInfo("simd", simd.isPresent(), VECTOR_MODULE + " is readable, " + shape);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return new BackendInfo("simd", false, "the SIMD backend failed to load: " + cause);
        }
    }

    /** Asks {@code CudaBackend.probe()} (which probes once per JVM and never throws). */
    private static BackendInfo describeCuda() {
        try {
            return (BackendInfo) Class.forName(CUDA_CLASS).getMethod("probe").invoke(null);
        } catch (InvocationTargetException e) {
            return new BackendInfo("cuda", false, "the CUDA backend failed to load: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new BackendInfo("cuda", false, "the CUDA backend failed to load: " + e);
        }
    }

    private static Backend loadCuda() {
        try {
            return (Backend) Class.forName(CUDA_CLASS).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException("the CUDA backend failed to load", c);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the CUDA backend failed to load: " + e, e);
        }
    }

    private static Optional<Backend> loadSimd() {
        if (!vectorModulePresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of((Backend) Class.forName(SIMD_CLASS).getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException r ? r : new IllegalStateException("the SIMD backend failed to load", c);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the SIMD backend failed to load: " + e, e);
        }
    }

    private static void checkKnown(String name, String source) {
        switch (name) {
            case "scalar", "simd", "cuda", "auto" -> {
            }
            default -> throw new IllegalArgumentException("unknown backend '" + name + "' in " + source
                    + ": allowed " + ALLOWED);
        }
    }

    /** The JVM-wide choice, made at first use. */
    private static final class Holder {
        /** A {@link Selection}, or the {@link RuntimeException} that the request caused. */
        private static final Object RESULT = decide();

        static Selection selection() {
            if (RESULT instanceof IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (RESULT instanceof RuntimeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            return (Selection) RESULT;
        }

        private static Object decide() {
            String p = System.getProperty(PROPERTY);
            String source = p != null && !p.isBlank() ? "-D" + PROPERTY : ENV;
            try {
                Selection s = choose(requested(), source);
                LOG.log(System.Logger.Level.INFO, s.message());
                return s;
            } catch (RuntimeException e) {
                // not logged as an error: every caller of select() gets it as an exception, and reports it
                LOG.log(System.Logger.Level.DEBUG, e.getMessage());
                return e;
            }
        }
    }
}
