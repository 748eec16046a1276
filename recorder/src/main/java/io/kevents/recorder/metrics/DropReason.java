package io.kevents.recorder.metrics;

/** Why an event, or one write of it, did not reach the sink. */
public enum DropReason {
    /** A watcher's bounded queue was full. */
    QUEUE_FULL("queue_full"),
    /** The core/v1 spam filter (per source, object and type token bucket) held it back. */
    SPAM_FILTER("spam_filter"),
    /** Refused before queueing (bad type, reason, action or object). */
    INVALID("invalid"),
    /** A retryable write failed on every attempt. */
    RETRIES_EXHAUSTED("retries_exhausted"),
    /** The server refused the write with a status that retrying cannot change (400, 403, 404, 409, 422...). */
    REJECTED("rejected"),
    /** Recorded while shutting down, or still undelivered when the close deadline passed. */
    SHUTDOWN("shutdown");

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
