package org.paraml.cli;

import org.paraml.backend.Backend;
import org.paraml.backend.Backends;
import picocli.CommandLine.Option;

/** {@code --backend scalar|simd|cuda|auto}, shared by the commands that compute. */
final class BackendOption {
    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "Kernel backend: scalar, simd, cuda or auto (default: ${DEFAULT-VALUE}: the best available, "
                    + "or -Dparaml.backend / PARAML_BACKEND when set).")
    String name;

    /** The chosen backend; an unavailable or unknown one is a usage error that says why and what is allowed. */
    Backend resolve() {
        if ("auto".equalsIgnoreCase(name.trim())) {
            try {
                return Backends.select();
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the request came from -Dparaml.backend or PARAML_BACKEND: the message names it and its value
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        try {
            return Backends.choose(name, "--backend").backend();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("invalid value for option '--backend': " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for option '--backend': '" + name
                    + "' (allowed: scalar, simd, cuda, auto)", e);
        }
    }
}
