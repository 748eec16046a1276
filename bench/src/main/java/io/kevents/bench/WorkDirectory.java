package io.kevents.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A benchmark's scratch directory, deleted with everything in it when closed: a run writes hundreds of megabytes of
 * stores, which must not pile up in the temporary directory run after run.
 */
public final class WorkDirectory implements AutoCloseable {

    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    /** A new directory named {@code prefix...} under {@code parent}, or under the system's temporary directory. */
    public static WorkDirectory create(Path parent, String prefix) throws IOException {
        return new WorkDirectory(parent == null ? Files.createTempDirectory(prefix)
                : Files.createTempDirectory(parent, prefix));
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @Override
    public void close() {
        deleteTree(path);
    }
}
