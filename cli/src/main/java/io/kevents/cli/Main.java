package io.kevents.cli;

import picocli.CommandLine;

/** Entry point of {@code ./kevents}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The {@code kevents} command line, with its error handling. */
    static CommandLine commandLine() {
        return new CommandLine(new KeventsCommand()).setExecutionExceptionHandler(new CommandErrors());
    }
}
