package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.EnqueueExtension;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Resources;
import io.kevents.scheduler.framework.ScorePlugin;
import io.kevents.scheduler.framework.Snapshot;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Filter: the node must have room for one more pod and, for every resource the pod requests, allocatable minus
 * what its pods already request must cover it. Every shortage is a separate reason ({@code Too many pods},
 * {@code Insufficient cpu}, {@code Insufficient memory}, ...), so one node can add several histogram entries.
 *
 * <p>Score (least allocated): the share of cpu and memory left free after placing the pod, averaged; spreading
 * pods over nodes. Requests count with defaults for containers that ask for nothing.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin, EnqueueExtension {

    private static final int TOO_MANY_PODS = 1;
    private static final int CPU = 2;
    private static final int MEMORY = 4;
    private static final int EPHEMERAL_STORAGE = 8;

    private final ReasonTexts texts;
    // The rejections for every combination of the four standard shortages, built once.
    private final Status[] standardRejections = new Status[16];

    /** The plugin with this version's reason texts. */
    public NodeResourcesFit(ReasonTexts texts) {
        this.texts = texts;
        for (int mask = 1; mask < standardRejections.length; mask++) {
            standardRejections[mask] = new Status(io.kevents.scheduler.framework.Code.UNSCHEDULABLE,
                    reasons(mask, Map.of()), name());
        }
    }

    @Override
    public String name() {
        return VersionProfile.NODE_RESOURCES_FIT;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        int mask = 0;
        if (node.pods().size() + 1 > node.allowedPods()) {
            mask |= TOO_MANY_PODS;
        }
        Resources request = pod.requests();
        if (request.isZero()) {
            return mask == 0 ? Status.SUCCESS : standardRejections[mask];
        }
        Resources free = node.free();
        if (request.milliCpu() > 0 && request.milliCpu() > free.milliCpu()) {
            mask |= CPU;
        }
        if (request.memory() > 0 && request.memory() > free.memory()) {
            mask |= MEMORY;
        }
        if (request.ephemeralStorage() > 0 && request.ephemeralStorage() > free.ephemeralStorage()) {
            mask |= EPHEMERAL_STORAGE;
        }
        Map<String, Long> scalarShortages = Map.of();
        for (Map.Entry<String, Long> scalar : request.scalars().entrySet()) {
            if (scalar.getValue() > free.scalar(scalar.getKey())) {
                if (scalarShortages.isEmpty()) {
                    scalarShortages = new java.util.TreeMap<>();
                }
                scalarShortages.put(scalar.getKey(), scalar.getValue());
            }
        }
        if (!scalarShortages.isEmpty()) {
            return new Status(io.kevents.scheduler.framework.Code.UNSCHEDULABLE, reasons(mask, scalarShortages),
                    name());
        }
        return mask == 0 ? Status.SUCCESS : standardRejections[mask];
    }

    private List<String> reasons(int mask, Map<String, Long> scalarShortages) {
        List<String> reasons = new ArrayList<>(4 + scalarShortages.size());
        if ((mask & TOO_MANY_PODS) != 0) {
            reasons.add(texts.tooManyPods());
        }
        if ((mask & CPU) != 0) {
            reasons.add(texts.insufficient("cpu"));
        }
        if ((mask & MEMORY) != 0) {
            reasons.add(texts.insufficient("memory"));
        }
        if ((mask & EPHEMERAL_STORAGE) != 0) {
            reasons.add(texts.insufficient("ephemeral-storage"));
        }
        for (String scalar : scalarShortages.keySet()) {
            reasons.add(texts.insufficient(scalar));
        }
        return reasons;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        long cpu = leastAllocated(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(), node.allocatable().milliCpu());
        long memory = leastAllocated(node.nonZeroMemory() + pod.nonZeroMemory(), node.allocatable().memory());
        return (cpu + memory) / 2;
    }

    private static long leastAllocated(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_SCORE / capacity;
    }

    @Override
    public Set<ClusterEventType> eventsToRegister() {
        return Set.of(ClusterEventType.NODE_ADD, ClusterEventType.NODE_ALLOCATABLE_CHANGE,
                ClusterEventType.ASSIGNED_POD_DELETE);
    }

    @Override
    public boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        return NodeFilterHint.passesNow(this, pod, event);
    }
}
