package io.kevents.apiserver.patch;

import java.util.Objects;

/**
 * A patch the engines refuse, carrying the {@link PatchFailure} to answer with. Thrown by the individual engines;
 * {@link Patcher} turns it into a {@link PatchOutcome.Rejected}. It records no stack trace: it describes the
 * client's input, not a fault of the server.
 */
public final class PatchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient PatchFailure failure;

    /** An exception for {@code failure}. */
    public PatchException(PatchFailure failure) {
        super(Objects.requireNonNull(failure, "failure").message(), null, false, false);
        this.failure = failure;
    }

    /** 400 BadRequest with {@code message}. */
    static PatchException badRequest(String message) {
        return new PatchException(PatchFailure.badRequest(message));
    }

    /** 422 Invalid with {@code message}. */
    static PatchException invalid(String message) {
        return new PatchException(PatchFailure.invalid(message));
    }

    /** What the server should answer. */
    public PatchFailure failure() {
        return failure;
    }
}
