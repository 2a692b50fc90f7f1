package org.paraml.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name in the target's folder and renamed onto the target only when
 * complete, so that readers (and a crash) see either the old file or the whole new one, never half of
 * one. The temporary file, {@code .NAME.RANDOM.tmp}, is created with the process's default permissions
 * (not the owner-only ones of {@link Files#createTempFile}) so the published file has the permissions a
 * plain write would give it.
 */
final class AtomicFile {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Creates the temporary file next to {@code target} (which is not touched yet). */
    static AtomicFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        String name = absolute.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            Path temp = folder.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return new AtomicFile(target, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** The channel to write the content through (at its own position, from 0). */
    FileChannel channel() {
        return channel;
    }

    /** The temporary file's path (for tests and messages). */
    Path temp() {
        return temp;
    }

    /**
     * Forces the content to disk, closes it and renames it onto the target, replacing any file there
     * (atomically where the file system can; otherwise with a plain replace). On failure the temporary
     * file is deleted and the target is left as it was.
     */
    void commit() throws IOException {
        try {
            channel.force(false);
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            discard(e);
            throw e;
        }
    }

    /** Closes and deletes the temporary file; the target is not touched. Never throws. */
    void discard() {
        discard(null);
    }

    private void discard(Throwable cause) {
        try {
            channel.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
