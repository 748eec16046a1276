package io.kevents.scheduler.profile;

/** How a version decides which unschedulable pods a cluster event sends back to be retried. */
public enum QueueingStrategy {
    /** v1.20: any relevant node or pod event moves every unschedulable pod. */
    MOVE_ALL,
    /**
     * Current: an event moves only the pods rejected by a plugin that registered for it and, asked about this
     * event, says it could now accept the pod (queueing hints).
     */
    PLUGIN_HINTS
}
