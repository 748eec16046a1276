package io.kevents.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one kubectl binary against one server: every call gets {@code --kubeconfig} and {@code --cache-dir}
 * explicitly, a HOME of its own and no {@code KUBECONFIG}, so nothing leaks between tests or from the machine.
 */
final class Kubectl {

    /** How long one command may take before the test fails (a hanging kubectl is a failure, not a wait). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path binary;
    private final Path kubeconfig;
    private final Path workDir;

    Kubectl(Path binary, Path kubeconfig, Path workDir) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
    }

    /** Runs {@code kubectl <args>} to completion. */
    Background.Result run(String... args) {
        try (Background process = start(args)) {
            return process.await(COMMAND_TIMEOUT);
        }
    }

    /** Starts {@code kubectl <args>} (e.g. a watch); close the result to stop it. */
    Background start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--kubeconfig=" + kubeconfig);
        command.add("--cache-dir=" + workDir.resolve("kube-cache"));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("KUBECONFIG", null);
        try {
            env.put("HOME", Files.createDirectories(workDir.resolve("home")).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Background.start(command, workDir, env);
    }
}
