package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.PodInfo;

/** The common queueing hint of node-based filters: a node event helps when the node, as it is now, passes. */
final class NodeFilterHint {

    private NodeFilterHint() {
    }

    static boolean passesNow(FilterPlugin filter, PodInfo pod, ClusterEvent event) {
        return event.node() == null || filter.filter(pod, event.node()).isSuccess();
    }
}
