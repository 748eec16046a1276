package io.kevents.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two kubectl versions the suite drives: the seed's (1.20) and a current one (1.32). */
enum KubectlBinary {

    /**
     * kubectl 1.20.2, from Debian's {@code kubernetes-client} package, unpacked by {@code scripts/install-test-deps}
     * into {@code ~/.cache/kevents/kubectl-1.20} ({@code KEVENTS_KUBECTL_120_DIR} overrides the directory).
     */
    V1_20("1.20") {
        @Override
        Path path() {
            String dir = System.getenv("KEVENTS_KUBECTL_120_DIR");
            if (dir == null || dir.isBlank()) {
                String cache = System.getenv("XDG_CACHE_HOME");
                Path base = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache")
                        : Path.of(cache);
                dir = base.resolve("kevents/kubectl-1.20").toString();
            }
            Path binary = Path.of(dir, "usr/bin/kubectl");
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("kubectl 1.20 is not installed at " + binary
                        + ": run scripts/install-test-deps (it unpacks Debian's kubernetes-client package there)");
            }
            return binary;
        }
    },

    /**
     * kubectl 1.32: {@code kubectl.1.32} next to the real file behind the {@code kubectl} on the PATH (which is a
     * version dispatcher that would pick a binary by the server's version).
     */
    V1_32("1.32") {
        @Override
        Path path() {
            Path dispatcher = onPath("kubectl");
            Path binary;
            try {
                binary = dispatcher.toRealPath().resolveSibling("kubectl.1.32");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException("kubectl 1.32 not found: expected " + binary
                        + " next to the kubectl version dispatcher " + dispatcher);
            }
            return binary;
        }
    };

    private final String version;

    KubectlBinary(String version) {
        this.version = version;
    }

    /** The executable; fails with what to do when it is missing. */
    abstract Path path();

    /** {@code 1.20} or {@code 1.32}. */
    String version() {
        return version;
    }

    /** A name usable in Kubernetes object names: {@code v120}, {@code v132}. */
    String tag() {
        return "v" + version.replace(".", "");
    }

    @Override
    public String toString() {
        return "kubectl " + version;
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, command);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(command + " is not on the PATH");
    }
}
