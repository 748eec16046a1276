package io.kevents.kubelet.api;

/** How one API write ended: the writer retries {@link Retry} and reports {@link Failed} once. */
public sealed interface WriteResult {

    /** Written. */
    WriteResult DONE = new Done();
    /** The object is gone (404): nothing left to write. */
    WriteResult GONE = new Gone();

    /** Written. */
    record Done() implements WriteResult {
    }

    /** The object is gone; not an error for status writes of deleted pods. */
    record Gone() implements WriteResult {
    }

    /** A transient failure (transport, 429, 5xx): try again later. */
    record Retry(String why) implements WriteResult {
    }

    /** A permanent failure (rejected): give up. */
    record Failed(String why) implements WriteResult {
    }
}
