package io.kevents.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real program (kubectl, Python) run by a test: output goes to files, so it can be read while the program runs
 * and never blocks on a full pipe; {@link #close()} always ends it (SIGTERM, then SIGKILL).
 */
final class Background implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Background(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What a finished (or stopped) program printed. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** This result, or an AssertionError showing everything the program printed. */
        Result succeeded() {
            if (exitCode != 0) {
                throw new AssertionError("failed: " + this);
            }
            return this;
        }

        /** stdout parsed as a kubectl table. */
        TextTable table() {
            return TextTable.parse(stdout);
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit code " + exitCode + "\n  stdout:\n" + stdout
                    + "\n  stderr:\n" + stderr;
        }
    }

    /** Starts {@code command} in {@code workDir} with {@code env} changes (a null value removes a variable). */
    static Background start(List<String> command, Path workDir, Map<String, String> env) {
        int run = RUNS.incrementAndGet();
        Path stdout = workDir.resolve("run-" + run + ".out");
        Path stderr = workDir.resolve("run-" + run + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        try {
            return new Background(List.copyOf(command), builder.start(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    /** What it printed on stdout so far. */
    String stdout() {
        return read(stdout);
    }

    /** What it printed on stderr so far. */
    String stderr() {
        return read(stderr);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for it to end by itself; fails (and kills it) if it does not within {@code timeout}. */
    Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("did not finish within " + timeout + ": " + String.join(" ", command)
                        + "\n  stdout:\n" + stdout() + "\n  stderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new Result(command, process.exitValue(), stdout(), stderr());
    }

    /** Stops it and returns what it printed. */
    Result stop() {
        close();
        return new Result(command, process.exitValue(), stdout(), stderr());
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
