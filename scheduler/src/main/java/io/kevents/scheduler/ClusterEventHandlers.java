package io.kevents.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.scheduler.cache.SchedulerCache;
import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.queue.SchedulingQueue;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns what the informers see into cache and queue changes (Kubernetes' {@code eventhandlers.go}):
 * <ul>
 *   <li>pods with a node go to the cache (confirming an assumed pod); pending pods this scheduler serves go to the
 *       queue; a pending pod that gets a node leaves the queue;</li>
 *   <li>node additions and node changes that matter for scheduling (labels, taints, becoming schedulable,
 *       allocatable, conditions) and deletions of bound pods are cluster events that retry unschedulable pods.</li>
 * </ul>
 * Called from informer threads; the cache and queue are thread-safe.
 */
public final class ClusterEventHandlers {

    private final String schedulerName;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    /**
     * @param schedulerName the {@code spec.schedulerName} served (an empty one is served too)
     * @param cache         where nodes and bound pods go
     * @param queue         where pending pods go
     */
    public ClusterEventHandlers(String schedulerName, SchedulerCache cache, SchedulingQueue queue) {
        this.schedulerName = schedulerName;
        this.cache = cache;
        this.queue = queue;
    }

    /** A pod appeared (or was listed at start). */
    public void onPodAdd(Pod pod) {
        PodInfo info = PodInfo.from(pod);
        if (info.isAssigned()) {
            cache.addPod(info);
        } else if (serves(info)) {
            queue.add(info);
        }
    }

    /** A pod changed. */
    public void onPodUpdate(Pod before, Pod after) {
        PodInfo info = PodInfo.from(after);
        if (info.isAssigned()) {
            if (before == null || isBlank(before.getSpec().getNodeName())) {
                queue.delete(info.key());
            }
            cache.updatePod(info);
            return;
        }
        if (!serves(info)) {
            queue.delete(info.key());
        } else if (!cache.isAssumed(info.key())) {
            // An assumed pod's pending versions (our own status write racing the binding) must not requeue it.
            queue.update(info);
        }
    }

    /** A pod was deleted. */
    public void onPodDelete(Pod pod) {
        PodInfo info = PodInfo.from(pod);
        boolean held = info.isAssigned() || cache.isAssumed(info.key());
        queue.delete(info.key());
        cache.removePod(info.key());
        if (held) {
            queue.onClusterEvent(ClusterEvent.assignedPodDeleted(info));
        }
    }

    /** A node appeared. */
    public void onNodeAdd(Node node) {
        NodeInfo info = cache.addOrUpdateNode(node);
        queue.onClusterEvent(ClusterEvent.nodeAdded(info));
    }

    /** A node changed; unschedulable pods are retried if the change can matter. */
    public void onNodeUpdate(Node before, Node after) {
        NodeInfo info = cache.addOrUpdateNode(after);
        Set<ClusterEventType> changes = before == null ? Set.of(ClusterEventType.NODE_ADD)
                : schedulingChanges(before, after);
        if (!changes.isEmpty()) {
            queue.onClusterEvent(ClusterEvent.nodeUpdated(changes, info));
        }
    }

    /** A node was deleted. */
    public void onNodeDelete(Node node) {
        cache.removeNode(node.getMetadata().getName());
    }

    private boolean serves(PodInfo pod) {
        String name = pod.schedulerName();
        return name.isEmpty() || name.equals(schedulerName);
    }

    /**
     * What changed between two versions of a node that could let a pod fit: labels, taints (or the node becoming
     * schedulable), allocatable, and conditions apart from heartbeat times.
     */
    public static Set<ClusterEventType> schedulingChanges(Node before, Node after) {
        Set<ClusterEventType> changes = EnumSet.noneOf(ClusterEventType.class);
        if (!Objects.equals(orEmpty(before.getMetadata().getLabels()), orEmpty(after.getMetadata().getLabels()))) {
            changes.add(ClusterEventType.NODE_LABEL_CHANGE);
        }
        var beforeSpec = before.getSpec();
        var afterSpec = after.getSpec();
        boolean wasUnschedulable = beforeSpec != null && Boolean.TRUE.equals(beforeSpec.getUnschedulable());
        boolean isUnschedulable = afterSpec != null && Boolean.TRUE.equals(afterSpec.getUnschedulable());
        if (!Objects.equals(taints(before), taints(after)) || wasUnschedulable && !isUnschedulable) {
            changes.add(ClusterEventType.NODE_TAINT_CHANGE);
        }
        var beforeStatus = before.getStatus();
        var afterStatus = after.getStatus();
        if (!Objects.equals(beforeStatus == null ? null : orEmpty(beforeStatus.getAllocatable()),
                afterStatus == null ? null : orEmpty(afterStatus.getAllocatable()))) {
            changes.add(ClusterEventType.NODE_ALLOCATABLE_CHANGE);
        }
        if (!Objects.equals(conditions(before), conditions(after))) {
            changes.add(ClusterEventType.NODE_CONDITION_CHANGE);
        }
        return changes;
    }

    private static List<?> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    private record ConditionWithoutHeartbeat(String type, String status, String reason, String message,
                                             String lastTransitionTime) {
    }

    private static List<ConditionWithoutHeartbeat> conditions(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return List.of();
        }
        return node.getStatus().getConditions().stream().map(ClusterEventHandlers::withoutHeartbeat).toList();
    }

    private static ConditionWithoutHeartbeat withoutHeartbeat(NodeCondition condition) {
        return new ConditionWithoutHeartbeat(condition.getType(), condition.getStatus(), condition.getReason(),
                condition.getMessage(), condition.getLastTransitionTime());
    }

    private static <K, V> java.util.Map<K, V> orEmpty(java.util.Map<K, V> map) {
        return map == null ? java.util.Map.of() : map;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isEmpty();
    }
}
