package io.kevents.scheduler.framework;

import java.util.Set;

/**
 * A change in the cluster, handed to the queue to decide which unschedulable pods to retry.
 *
 * @param types what changed (a node update can change labels and taints at once)
 * @param node  the node after the change, for node events; {@code null} otherwise
 * @param pod   the deleted pod, for {@link ClusterEventType#ASSIGNED_POD_DELETE}; {@code null} otherwise
 */
public record ClusterEvent(Set<ClusterEventType> types, NodeInfo node, PodInfo pod) {

    public ClusterEvent {
        types = Set.copyOf(types);
    }

    /** A node was added. */
    public static ClusterEvent nodeAdded(NodeInfo node) {
        return new ClusterEvent(Set.of(ClusterEventType.NODE_ADD), node, null);
    }

    /** A node changed in the given ways. */
    public static ClusterEvent nodeUpdated(Set<ClusterEventType> changes, NodeInfo node) {
        return new ClusterEvent(changes, node, null);
    }

    /** A pod bound to a node was deleted. */
    public static ClusterEvent assignedPodDeleted(PodInfo pod) {
        return new ClusterEvent(Set.of(ClusterEventType.ASSIGNED_POD_DELETE), null, pod);
    }

    /** Whether this event is about any of {@code interesting}. */
    public boolean isAnyOf(Set<ClusterEventType> interesting) {
        for (ClusterEventType type : types) {
            if (interesting.contains(type)) {
                return true;
            }
        }
        return false;
    }
}
