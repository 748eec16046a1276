package io.kevents.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher, {@code ./kevents up ...}, run as a child process as a user runs it: it builds the project first
 * when sources changed, then runs the API server, the scheduler and the hollow nodes until it gets SIGTERM.
 * {@link #start} returns once it printed {@code kevents is up}; {@link #stop()} sends SIGTERM and returns everything
 * it printed; {@link #close()} always ends it (and a build it may still be running).
 */
final class KeventsUp implements AutoCloseable {

    /** What {@code ./kevents up} prints when the cluster is ready. */
    private static final Pattern UP = Pattern.compile(
            "kevents is up: Kubernetes (\\S+) API on (\\S+), scheduler, (\\d+) hollow node\\(s\\): (.*)");
    /** How long SIGTERM may take: the launcher flushes every recorder before it exits. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> command;
    private final Process process;
    private final Path dataDir;
    private final Path stdout;
    private final Path stderr;
    private String kubernetesVersion;
    private String url;
    private List<String> nodeNames;
    private Duration startup;

    private KeventsUp(List<String> command, Process process, Path dataDir, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.dataDir = dataDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Runs {@code <root>/kevents up <args> --data-dir <dir>/data --port 0} and waits (at most {@code timeout}, which
     * must allow for a build) until it says it is up. Fails, with everything it printed, when it exits or times out.
     */
    static KeventsUp start(Path dir, Duration timeout, String... args) {
        Path launcher = root().resolve("kevents");
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("the launcher is missing: " + launcher);
        }
        Path dataDir = dir.resolve("data");
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.add("up");
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--port", "0"));
        Path stdout = dir.resolve("kevents-up.out");
        Path stderr = dir.resolve("kevents-up.err");
        long started = System.nanoTime();
        KeventsUp up;
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().remove("KUBECONFIG");
            up = new KeventsUp(List.copyOf(command), builder.start(), dataDir, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        try {
            up.awaitUp(timeout);
        } catch (RuntimeException | Error e) {
            up.close();
            throw e;
        }
        up.startup = Duration.ofNanos(System.nanoTime() - started);
        return up;
    }

    /** The project's root directory, where {@code ./kevents} and {@code examples/} are. */
    static Path root() {
        return Path.of(System.getProperty("kevents.examples", "../examples")).toAbsolutePath().normalize()
                .getParent();
    }

    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = UP.matcher(stdout());
            if (matcher.find()) {
                kubernetesVersion = matcher.group(1);
                url = matcher.group(2);
                nodeNames = List.of(matcher.group(4).trim().split(", "));
                if (!Files.isRegularFile(kubeconfig())) {
                    throw new AssertionError("kevents is up but wrote no " + kubeconfig() + "\n" + output());
                }
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("./kevents up exited (code " + process.exitValue()
                        + ") before it was up\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("./kevents up was not up within " + timeout + "\n" + output());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The kubeconfig it wrote for kubectl: {@code <data-dir>/kubeconfig}. */
    Path kubeconfig() {
        return dataDir.resolve("kubeconfig");
    }

    /** The Kubernetes version it says it behaves as, e.g. {@code 1.20.1}. */
    String kubernetesVersion() {
        return kubernetesVersion;
    }

    /** The API server's URL. */
    String url() {
        return url;
    }

    /** The hollow nodes it says it runs. */
    List<String> nodeNames() {
        return nodeNames;
    }

    /** From starting the launcher (build included) to {@code kevents is up}. */
    Duration startup() {
        return startup;
    }

    /** kubectl of the given version on this cluster, with its own HOME and discovery cache under {@code workDir}. */
    Kubectl kubectl(KubectlBinary binary, Path workDir) {
        return new Kubectl(binary.path(), kubeconfig(), workDir);
    }

    /** What it printed on stdout so far. */
    String stdout() {
        return read(stdout);
    }

    /**
     * Sends SIGTERM (what Ctrl-C's shutdown path also runs) and waits until it exits; returns its stdout. Fails if it
     * does not exit within a minute (then it is killed).
     */
    String stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    String output = output();
                    close();
                    throw new AssertionError("./kevents up did not stop within " + STOP_TIMEOUT
                            + " of SIGTERM (killed)\n" + output);
                }
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return stdout();
    }

    /** Everything it printed, for failure messages. */
    String output() {
        return String.join(" ", command) + "\n  stdout:\n" + stdout() + "\n  stderr:\n" + read(stderr);
    }

    /** Ends it, whatever it is doing (a build's Maven included): SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (!process.isAlive() && descendants.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : descendants) {
                try {
                    child.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    child.destroyForcibly();
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
