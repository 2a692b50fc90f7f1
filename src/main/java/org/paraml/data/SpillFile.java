package org.paraml.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@link Blocks#persist} for blocks that do not fit in memory: they are read (or made) once, in
 * parallel, and written in order to one {@code .npy} file in a new temporary folder; the persisted
 * blocks read that file back by row ranges with the same block boundaries. The folder is deleted when
 * the persisted blocks are closed, at once when writing fails, and at JVM exit as a last resort.
 */
final class SpillFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SpillFile.class.getName());

    private final Path dir;

    private SpillFile(Path dir) {
        this.dir = dir;
    }

    static Blocks persist(Blocks blocks, int threads, Path spillDir, BlockProgress progress) {
        Path base = spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
        SpillFile spill;
        try {
            Files.createDirectories(base);
            spill = new SpillFile(Files.createTempDirectory(base, "paraml-spill-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spill folder in " + base + ": " + e.getMessage(), e);
        }
        spill.dir.toFile().deleteOnExit();
        Path file = spill.dir.resolve("blocks.npy");
        try {
            try (NpyWriter w = NpyWriter.float64(file, blocks.rows(), blocks.cols())) {
                // each block is written by position from the thread that made or read it: no copy of a
                // pooled scratch block waits for an in-order writer (at 20M rows those 32 MB copies made
                // G1 grow the heap, and the peak RSS with it, in most runs on JDK 25)
                blocks.pass(threads).progress("persist", progress).run(b -> {
                    w.writeRowsAt(b.firstRow(), b.rows());
                    return null;
                }, (i, none) -> { });
            }
            file.toFile().deleteOnExit();
            long[] starts = new long[blocks.numBlocks() + 1];
            for (int i = 0; i <= blocks.numBlocks(); i++) {
                starts[i] = blocks.firstRow(i);
            }
            NpyBlockSource source = NpyBlockSource.open(file, starts);
            LOG.log(System.Logger.Level.DEBUG, () -> "spilled " + blocks + " to " + file);
            return Blocks.owning(source, spill, blocks.maxResidentBytes(), blocks.prefetch(), blocks);
        } catch (IOException e) {
            spill.closeQuietly(e);
            throw new UncheckedIOException("cannot spill " + blocks + " to " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // an I/O error inside the pass (the disk filled up, a block could not be read) arrives bare
            UncheckedIOException named = new UncheckedIOException("cannot spill " + blocks + " to " + file + ": "
                    + e.getMessage(), e.getCause());
            named.addSuppressed(e);
            spill.closeQuietly(named);
            throw named;
        } catch (RuntimeException | Error e) {
            spill.closeQuietly(e);
            throw e;
        }
    }

    /** The folder holding the spill file. */
    Path dir() {
        return dir;
    }

    private void closeQuietly(Throwable cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deletes the spill folder and everything in it. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
