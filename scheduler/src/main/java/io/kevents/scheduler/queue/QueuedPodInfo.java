package io.kevents.scheduler.queue;

import io.kevents.scheduler.framework.PodInfo;
import java.util.Set;

/**
 * A pod waiting in (or popped from) the scheduling queue.
 *
 * @param pod                  the pod, as last seen
 * @param timestampNanos       when it last entered a queue ({@link io.kevents.time.Clock#nanoTime()}); orders
 *                             equal priorities and starts the back-off
 * @param attempts             scheduling attempts so far (counted when popped)
 * @param unschedulablePlugins the filters that rejected it in its last attempt
 */
public record QueuedPodInfo(PodInfo pod, long timestampNanos, int attempts, Set<String> unschedulablePlugins) {

    public QueuedPodInfo {
        unschedulablePlugins = Set.copyOf(unschedulablePlugins);
    }

    /** A pod seen for the first time. */
    public static QueuedPodInfo first(PodInfo pod, long nowNanos) {
        return new QueuedPodInfo(pod, nowNanos, 0, Set.of());
    }

    /** The pod's key. */
    public String key() {
        return pod.key();
    }

    QueuedPodInfo withPod(PodInfo newPod) {
        return new QueuedPodInfo(newPod, timestampNanos, attempts, unschedulablePlugins);
    }

    QueuedPodInfo popped() {
        return new QueuedPodInfo(pod, timestampNanos, attempts + 1, unschedulablePlugins);
    }

    QueuedPodInfo requeued(long nowNanos, Set<String> rejectors) {
        return new QueuedPodInfo(pod, nowNanos, attempts, rejectors);
    }
}
