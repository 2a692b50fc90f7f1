package org.paraml.backend.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.paraml.backend.Backend;
import org.paraml.backend.BackendContractTest;
import org.paraml.backend.Backends;
import org.paraml.backend.TestData;

/** The SIMD backend against the contract every backend keeps; runs only with the Vector API module. */
class SimdBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        assumeTrue(TestData.vectorModulePresent(), "needs --add-modules jdk.incubator.vector");
        return Backends.byName("simd");
    }
}
