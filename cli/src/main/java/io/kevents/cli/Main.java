package io.kevents.cli;

import picocli.CommandLine;

/** Entry point of {@code ./kevents}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeventsCommand()).execute(args));
    }
}
