package io.kevents.cli;

import picocli.CommandLine.Command;

/** {@code kevents}: the Kubernetes event system on one machine. */
@Command(name = "kevents", mixinStandardHelpOptions = true, version = "kevents 0.1.0",
        description = "The Kubernetes event system in Java: recorder, storage, API server, scheduler, kubelets.",
        subcommands = {UpCommand.class, ServerCommand.class, DemoCommand.class, picocli.CommandLine.HelpCommand.class})
final class KeventsCommand {
}
