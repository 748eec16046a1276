package io.kevents.scheduler.queue;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.Framework;
import io.kevents.scheduler.profile.QueueingStrategy;

/** Decides whether a cluster event is worth retrying an unschedulable pod for. */
@FunctionalInterface
public interface QueueingPolicy {

    /** Whether {@code event} could make {@code pod} schedulable. */
    boolean isWorthRequeuing(QueuedPodInfo pod, ClusterEvent event);

    /** v1.20: every event the scheduler listens to retries every unschedulable pod. */
    static QueueingPolicy moveAll() {
        return (pod, event) -> true;
    }

    /**
     * Queueing hints: retry only when a plugin that rejected the pod registered for this kind of event and says the
     * event could help. A pod no plugin rejected (an error, or no nodes at all) is retried on any event, and so is
     * one rejected by a plugin without queueing knowledge.
     */
    static QueueingPolicy pluginHints(Framework framework) {
        return (pod, event) -> {
            if (pod.unschedulablePlugins().isEmpty()) {
                return true;
            }
            for (String plugin : pod.unschedulablePlugins()) {
                var extension = framework.enqueueExtension(plugin);
                if (extension.isEmpty()) {
                    return true;
                }
                if (event.isAnyOf(extension.get().eventsToRegister())
                        && extension.get().isWorthRequeuing(pod.pod(), event)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The policy of a version's strategy. */
    static QueueingPolicy of(QueueingStrategy strategy, Framework framework) {
        return strategy == QueueingStrategy.MOVE_ALL ? moveAll() : pluginHints(framework);
    }
}
