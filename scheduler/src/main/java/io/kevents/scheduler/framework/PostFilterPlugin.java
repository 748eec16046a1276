package io.kevents.scheduler.framework;

/**
 * Runs when no node fits (Kubernetes' PostFilter extension point, where DefaultPreemption lives) and says what to
 * append to the FailedScheduling message.
 */
public interface PostFilterPlugin extends Plugin {

    /** The text to append to the failure message (e.g. {@code preemption: ...}), or empty for none. */
    String postFilter(PodInfo pod, Diagnosis diagnosis, Snapshot snapshot);
}
