package io.kevents.scheduler.binder;

/** The answer to one write to the API server, as a value: it worked, or why not. */
public sealed interface ApiResult {

    /** The write succeeded. */
    record Ok() implements ApiResult {
    }

    /**
     * The write failed.
     *
     * @param httpCode the HTTP status, or 0 when no answer came (connection refused, timeout)
     * @param message  the API server's {@code Status.message}, or the transport error
     */
    record Failed(int httpCode, String message) implements ApiResult {
    }

    /** The shared success value. */
    ApiResult OK = new Ok();
}
