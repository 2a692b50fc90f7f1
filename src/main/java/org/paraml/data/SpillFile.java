package org.paraml.data;

import java.nio.file.Path;

/** Writes blocks once to a local {@code .npy} spill file and reads them back (needs the npy I/O). */
final class SpillFile {
    private SpillFile() {
    }

    static Blocks persist(Blocks blocks, int threads, Path spillDir, BlockProgress progress) {
        throw new UnsupportedOperationException("spilling to disk is not wired yet: " + blocks.bytes()
                + " bytes do not fit the memory budget");
    }
}
