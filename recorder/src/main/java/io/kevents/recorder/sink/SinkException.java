package io.kevents.recorder.sink;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed sink write, with what the pipeline needs to decide whether to retry: the HTTP status (0 when the
 * request never got an answer) and the server's {@code Retry-After}, if any.
 */
public class SinkException extends Exception {

    /** Status for failures without an HTTP answer: refused connections, timeouts, broken streams. */
    public static final int TRANSPORT = 0;

    private final int status;
    private final String reason;
    private final Duration retryAfter;

    /**
     * @param status     HTTP status, or {@link #TRANSPORT}
     * @param reason     Kubernetes Status reason such as {@code AlreadyExists}, or {@code null}
     * @param retryAfter how long the server asked us to wait, or {@code null}
     */
    public SinkException(int status, String reason, Duration retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    /** A failure without an HTTP answer. */
    public static SinkException transport(String message, Throwable cause) {
        return new SinkException(TRANSPORT, null, null, message, cause);
    }

    /** A failure with an HTTP status. */
    public static SinkException status(int status, String reason, String message) {
        return new SinkException(status, reason, null, message, null);
    }

    /** The HTTP status, or {@link #TRANSPORT}. */
    public int status() {
        return status;
    }

    /** The Kubernetes Status reason, if the server sent one. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /** The server's requested delay before retrying, if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the object was not there (404). */
    public boolean isNotFound() {
        return status == 404;
    }

    /** Whether the object already exists (409 AlreadyExists on create). */
    public boolean isAlreadyExists() {
        return status == 409 && "AlreadyExists".equals(reason);
    }
}
