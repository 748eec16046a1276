package io.kevents.cli;

import io.kevents.apiserver.http.ApiException;
import io.kevents.storage.StorageException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a command that fails tells the user: a wrong setting (an unknown store scheme, a bad URI) or a store that
 * cannot be reached or opened is one line on stderr, not a stack trace. Only an unexpected failure, a bug, keeps
 * its trace.
 */
final class CommandErrors implements IExecutionExceptionHandler {

    /** Exit code of a command given a setting it cannot use (picocli's code for usage errors). */
    static final int BAD_SETTING = 2;
    /** Exit code of a command that could not do its job. */
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        String name = "kevents " + command.getCommandName();
        if (failure instanceof IllegalArgumentException) {
            command.getErr().println(name + ": " + failure.getMessage());
            command.getErr().println("Try '" + name + " --help'.");
            return BAD_SETTING;
        }
        if (failure instanceof StorageException || failure instanceof ApiException
                || failure instanceof UncheckedIOException) {
            command.getErr().println(name + ": cannot start: " + message(failure));
            return FAILED;
        }
        command.getErr().println(name + ": internal error (please report it with this trace):");
        failure.printStackTrace(command.getErr());
        return FAILED;
    }

    /** The failure's message and its causes', each once: "cannot bind 127.0.0.1:6443: Address already in use". */
    private static String message(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
