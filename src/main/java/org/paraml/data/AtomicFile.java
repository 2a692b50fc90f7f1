package org.paraml.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file written under a temporary name in the target's folder and renamed onto the target only when
 * complete, so that readers (and a crash) see either the old file or the whole new one, never half of
 * one. The temporary file, {@code .NAME.RANDOM.tmp}, is created with the process's default permissions
 * (not the owner-only ones of {@link Files#createTempFile}) so the published file has the permissions a
 * plain write would give it. Temporary files still open when the JVM shuts down (Ctrl-C, SIGTERM) are
 * deleted by a shutdown hook.
 */
final class AtomicFile {
    /** Temporary files not yet committed or discarded, deleted if the JVM shuts down first. */
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path p : PENDING) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the JVM is going away: nothing better to do
                }
            }
        }, "paraml-temporary-files"));
    }

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
                AtomicFile file = new AtomicFile(target, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
                PENDING.add(temp);
                return file;
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
            PENDING.remove(temp);
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
            PENDING.remove(temp);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
