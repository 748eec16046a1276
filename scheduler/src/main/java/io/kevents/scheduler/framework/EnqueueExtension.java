package io.kevents.scheduler.framework;

import java.util.Set;

/**
 * What a plugin that rejected a pod needs to see before the pod is worth retrying (Kubernetes'
 * {@code EnqueueExtensions} and queueing hints): the kinds of event, and for each event whether it could help.
 */
public interface EnqueueExtension extends Plugin {

    /** The kinds of event that could make this plugin accept a pod it rejected. */
    Set<ClusterEventType> eventsToRegister();

    /**
     * Whether this event could make this plugin accept {@code pod} (Kubernetes' Queue vs QueueSkip). Called only
     * for registered event kinds. By default every registered event is worth a retry.
     */
    default boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        return true;
    }
}
