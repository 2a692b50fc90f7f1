package org.paraml.backend;

/** The reference backend against the contract every backend keeps. */
class ScalarBackendTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return new ScalarBackend();
    }
}
