package org.paraml.backend.cuda;

import org.paraml.backend.Backend;
import org.paraml.backend.BackendContractTest;

/** The CUDA backend against the contract every backend keeps; runs when a GPU answers. */
class CudaBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return Gpu.backendOrSkip();
    }
}
