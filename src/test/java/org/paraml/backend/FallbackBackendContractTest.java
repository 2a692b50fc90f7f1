package org.paraml.backend;

/** A {@link FallbackBackend} whose primary works keeps the contract of every backend. */
class FallbackBackendContractTest extends BackendContractTest {
    @Override
    protected Backend backend() {
        return new FallbackBackend(new FlakyBackend(0, false), new ScalarBackend());
    }

    /** ... and so does one whose primary fails at once, so that everything runs on the fallback. */
    static class AfterTheSwitch extends BackendContractTest {
        @Override
        protected Backend backend() {
            return new FallbackBackend(new FlakyBackend(1, true), new ScalarBackend());
        }
    }
}
