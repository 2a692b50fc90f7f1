package org.paraml.backend.cuda;

import org.paraml.backend.Backend;
import org.paraml.backend.BackendAgreesWithScalarTest;

/** {@link CudaBackend} against the scalar reference on odd sizes; runs when a GPU answers. */
class CudaAgreesWithScalarTest extends BackendAgreesWithScalarTest {
    @Override
    protected Backend backend() {
        return Gpu.backendOrSkip();
    }
}
