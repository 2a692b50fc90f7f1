package org.paraml.backend;

/**
 * Chooses {@link SmoOps#vector()} once per JVM: the Vector API implementation, loaded by name, when
 * the module {@code jdk.incubator.vector} is readable and it loads; else the scalar one. {@link SmoOps#best()}
 * is that implementation behind a {@link WarmingSmoOps}, which runs the scalar loops until it is compiled.
 */
final class SmoOpsHolder {
    private static final String SIMD_CLASS = "org.paraml.backend.simd.SimdSmoOps";
    private static final System.Logger LOG = System.getLogger("org.paraml.backend");

    static final SmoOps VECTOR = choose();
    static final SmoOps BEST = VECTOR == SmoOps.scalar() ? VECTOR : new WarmingSmoOps(SmoOps.scalar(), VECTOR);

    private SmoOpsHolder() {
    }

    private static SmoOps choose() {
        if (!Backends.vectorModulePresent()) {
            return SmoOps.scalar();
        }
        try {
            return (SmoOps) Class.forName(SIMD_CLASS).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the Vector API SMO loops failed to load, using the scalar ones: " + e);
            return SmoOps.scalar();
        }
    }
}
