package org.paraml.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The checks and writes of a command's output files: an output path is checked before any work is
 * done (a usable folder, not a folder itself, not the same file as an input or another output), and
 * a write that fails is reported with the option and the file, not the temporary file behind it.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    /** A write of one output to the given path. */
    @FunctionalInterface
    interface Writer {
        void write(Path path) throws IOException;
    }

    /**
     * Checks the outputs before any work: each must be a file name in an existing folder, and no output
     * may be the same file as an input or as another output (which would replace data that the command
     * reads, or one output with another).
     *
     * @param inputs  option name → input path (null paths are skipped)
     * @param outputs option name → output path (null paths are skipped)
     * @throws IllegalArgumentException naming the option, the value and what is allowed
     */
    static void check(Map<String, Path> inputs, Map<String, Path> outputs) {
        Map<String, Path> seen = new LinkedHashMap<>();
        inputs.forEach((option, path) -> {
            if (path != null) {
                seen.put(option, path);
            }
        });
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
            String option = e.getKey();
            Path path = e.getValue();
            if (path == null) {
                continue;
            }
            checkUsable(option, path);
            for (Map.Entry<String, Path> other : seen.entrySet()) {
                if (sameFile(path, other.getValue())) {
                    boolean input = inputs.containsKey(other.getKey());
                    throw new IllegalArgumentException("invalid value for option '" + option + "': '" + path
                            + "' is the same file as " + other.getKey() + " " + other.getValue() + " (an output must not "
                            + (input ? "replace an input" : "be written twice") + "; choose another file)");
                }
            }
            seen.put(option, path);
        }
    }

    private static void checkUsable(String option, Path path) {
        if (path.toString().isEmpty() || path.getFileName() == null) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': '" + path
                    + "' (allowed: a file name, in an existing folder)");
        }
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': '" + path
                    + "' is a folder (allowed: a file name, in an existing folder)");
        }
        Path folder = path.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("invalid value for option '" + option + "': '" + path
                    + "': its folder " + folder + " does not exist (allowed: a file name, in an existing folder)");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        Path x = a.toAbsolutePath().normalize();
        Path y = b.toAbsolutePath().normalize();
        if (x.equals(y)) {
            return true;
        }
        try {
            return Files.exists(x) && Files.exists(y) && Files.isSameFile(x, y);
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code writer} on {@code path}; an I/O failure becomes an {@link OutputFileException} naming both. */
    static void write(String option, Path path, Writer writer) throws OutputFileException {
        try {
            writer.write(path);
        } catch (IOException e) {
            throw failure(option, path, e);
        }
    }

    /**
     * Writes several outputs all or none: each goes to a temporary file beside its target first, and
     * only when every one is complete are they renamed onto their targets; after a failure the
     * temporary files are deleted and every target is left as it was.
     *
     * @param writes option name → (path, writer), in writing order
     */
    static void writeAll(Map<String, Map.Entry<Path, Writer>> writes) throws OutputFileException {
        List<Path> temps = new ArrayList<>();
        List<Path> targets = new ArrayList<>();
        List<String> options = new ArrayList<>();
        try {
            for (Map.Entry<String, Map.Entry<Path, Writer>> w : writes.entrySet()) {
                Path target = w.getValue().getKey();
                Path temp = temporary(target);
                temp.toFile().deleteOnExit(); // after Ctrl-C too (a command writes a few files, then exits)
                options.add(w.getKey());
                targets.add(target);
                temps.add(temp);
                try {
                    w.getValue().getValue().write(temp);
                } catch (IOException e) {
                    throw failure(w.getKey(), target, e);
                }
            }
            for (int i = 0; i < temps.size(); i++) {
                try {
                    move(temps.get(i), targets.get(i));
                } catch (IOException e) {
                    throw failure(options.get(i), targets.get(i), e);
                }
            }
        } finally {
            for (Path t : temps) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // best effort: the failure being reported matters more
                }
            }
        }
    }

    private static Path temporary(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The error for a failed write of {@code path}, given as {@code option}: the reason without temporary names. */
    static OutputFileException failure(String option, Path path, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "its folder does not exist or cannot hold new files";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return new OutputFileException("cannot write " + option + " " + path + ": " + reason, e);
    }

    /** A failed write of an output file; the message names the option and the file. */
    static final class OutputFileException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
