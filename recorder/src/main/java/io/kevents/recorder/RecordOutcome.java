package io.kevents.recorder;

/**
 * What happened to one call of a recorder. Recording never blocks and never throws: the outcome tells the caller
 * (and the metrics count) whether the event entered the pipeline.
 */
public enum RecordOutcome {
    /** Every watcher, including the sink writer, has the event queued. */
    ACCEPTED,
    /** The event was rejected before queueing: bad type, missing or too long reason or action, no object name. */
    INVALID,
    /** At least one watcher's queue was full, so that watcher will not see the event. */
    DROPPED_QUEUE_FULL,
    /** The broadcaster is shutting down or closed. */
    DROPPED_SHUTDOWN
}
