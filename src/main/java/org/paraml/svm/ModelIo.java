package org.paraml.svm;

import java.io.IOException;
import java.nio.file.Path;

/** Saving and loading {@link SVCModel}s. */
final class ModelIo {
    private ModelIo() {
    }

    static void save(SVCModel model, Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }

    static SVCModel load(Path file) throws IOException {
        throw new UnsupportedOperationException("not yet");
    }
}
