package io.kevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A server that cannot start says why in one line, with an exit code a script can act on: no stack trace. */
class CommandErrorsTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnknownStoreSchemeIsABadSetting() {
        StringWriter err = new StringWriter();

        int exit = run(err, "server", "--data-dir", dataDir.toString(), "--port", "0",
                "--storage", "sqlite:" + dataDir.resolve("db"));

        assertThat(exit).isEqualTo(CommandErrors.BAD_SETTING);
        assertThat(err.toString()).isEqualTo("kevents server: unknown store scheme sqlite: sqlite:"
                + dataDir.resolve("db") + System.lineSeparator() + "Try 'kevents server --help'."
                + System.lineSeparator());
    }

    @Test
    void aPortTakenByAnotherProcessIsSaidPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter err = new StringWriter();

            int exit = run(err, "server", "--data-dir", dataDir.toString(), "--storage", "memory:",
                    "--port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(CommandErrors.FAILED);
            assertThat(err.toString()).isEqualTo("kevents server: cannot start: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort() + ": Address already in use" + System.lineSeparator());
        }
    }

    private static int run(StringWriter err, String... args) {
        CommandLine command = Main.commandLine();
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
