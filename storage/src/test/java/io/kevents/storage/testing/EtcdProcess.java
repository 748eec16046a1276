package io.kevents.storage.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd server for tests: Debian's {@code etcd} binary on loopback ports, with its own temporary data
 * directory, stopped and deleted by {@link #close()} (and, as a last resort, by a shutdown hook, so no process
 * outlives the test JVM). Use it with try-with-resources or close it in {@code @AfterAll}.
 *
 * <p>The binary is {@code etcd} from the PATH unless the {@code kevents.etcd} system property or the
 * {@code KEVENTS_ETCD} environment variable names another; {@code scripts/install-test-deps} installs it.
 *
 * <p>A member of a cluster is started by {@link EtcdCluster}; a single server by {@link #start()}.
 */
public final class EtcdProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path dataDir;
    private final Path logFile;
    private final int clientPort;
    private final int peerPort;
    private final List<String> extraArgs;
    private final boolean ownsDirectory;
    private Process process;
    private Thread shutdownHook;

    EtcdProcess(String name, Path dataDir, int clientPort, int peerPort, List<String> extraArgs, boolean ownsDirectory) {
        this.name = name;
        this.dataDir = dataDir;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.extraArgs = List.copyOf(extraArgs);
        this.ownsDirectory = ownsDirectory;
    }

    /** Starts a single-member etcd with a fresh temporary data directory and waits until it serves. */
    public static EtcdProcess start(String... extraArgs) {
        IOException last = null;
        // Free ports are found by binding port 0 and releasing it; another process may grab one meanwhile: retry.
        for (int attempt = 0; attempt < 3; attempt++) {
            int[] ports = freePorts(2);
            Path dir = tempDir("kevents-etcd-");
            EtcdProcess etcd = new EtcdProcess("single", dir.resolve("data"), ports[0], ports[1],
                    List.of(extraArgs), true);
            List<String> cluster = List.of("single=" + etcd.peerUrl());
            try {
                etcd.launch(cluster, "new");
                etcd.awaitReady();
                return etcd;
            } catch (IOException e) {
                last = e;
                etcd.close();
            }
        }
        throw new IllegalStateException("etcd did not start", last);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Only a probe.
                }
            }
        }
    }

    /** The etcd binary to run. */
    public static String binary() {
        String configured = System.getProperty("kevents.etcd", System.getenv("KEVENTS_ETCD"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "etcd");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("etcd is not on the PATH: run scripts/install-test-deps (Debian's etcd-server)");
    }

    /** {@code etcdctl}, next to the etcd binary or on the PATH. */
    public static String etcdctl() {
        Path sibling = Path.of(binary()).resolveSibling("etcdctl");
        return Files.isExecutable(sibling) ? sibling.toString() : "etcdctl";
    }

    void launch(List<String> initialCluster, String state) throws IOException {
        Files.createDirectories(dataDir.getParent());
        List<String> command = new ArrayList<>(List.of(binary(),
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", clientUrl().toString(),
                "--advertise-client-urls", clientUrl().toString(),
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", String.join(",", initialCluster),
                "--initial-cluster-state", state,
                "--initial-cluster-token", "kevents-test-" + ProcessHandle.current().pid(),
                "--logger", "zap",
                "--log-level", "warn"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = builder.start();
        shutdownHook = new Thread(() -> process.destroyForcibly(), "kevents-etcd-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(clientUrl().resolve("/health")).timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("etcd " + name + " exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for etcd", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for etcd", e);
            }
        }
        throw new IOException("etcd " + name + " not healthy after " + READY_TIMEOUT + ": " + logTail());
    }

    /** The last lines etcd logged, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The client URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI clientUrl() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    String name() {
        return name;
    }

    /** Whether the server process is running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and keeps its data directory. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs anyway.
        }
        process = null;
    }

    /** Starts a stopped member again on the same ports and data. */
    void restart(List<String> initialCluster) throws IOException {
        launch(initialCluster, "existing");
        awaitReady();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        if (ownsDirectory) {
            deleteTree(dataDir.getParent());
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code etcdctl} (API v3) against this server and returns its output.
     *
     * @throws IllegalStateException if it fails
     */
    public String etcdctl(String... args) {
        List<String> command = new ArrayList<>(List.of(etcdctl(), "--endpoints", clientUrl().toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("ETCDCTL_API", "3");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("etcdctl " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
