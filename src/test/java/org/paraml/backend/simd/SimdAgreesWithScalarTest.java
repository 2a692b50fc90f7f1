package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.paraml.backend.Backend;
import org.paraml.backend.BackendAgreesWithScalarTest;
import org.paraml.backend.Backends;
import org.paraml.backend.TestData;

/** {@link SimdBackend} against the scalar reference; runs only with the Vector API module. */
class SimdAgreesWithScalarTest extends BackendAgreesWithScalarTest {
    @Override
    protected Backend backend() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        return Backends.byName("simd");
    }
}
