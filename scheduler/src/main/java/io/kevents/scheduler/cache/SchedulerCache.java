package io.kevents.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the scheduler knows of the cluster: nodes, the pods bound to them, and the pods it has <em>assumed</em> onto
 * a node (chosen, binding under way). An assumed pod's requests count at once, so the next cycle does not give its
 * room away while the binding request is in flight; the informer's update for the bound pod confirms it, and a
 * failed binding forgets it.
 *
 * <p>Thread-safe: informer threads, the scheduling thread and binding callbacks call it. Each node's
 * {@link NodeInfo} is immutable and replaced on change, so {@link #snapshot()} only copies references, and only
 * when something changed since the previous snapshot.
 */
public final class SchedulerCache {

    private record PodState(PodInfo pod, boolean assumed) {
    }

    private final Object lock = new Object();
    private final Map<String, NodeInfo> nodeInfos = new HashMap<>();
    private final List<NodeInfo> ordered = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    private final Map<String, Integer> imageNodeCounts = new HashMap<>();
    private Snapshot snapshot = Snapshot.EMPTY;
    private boolean nodesChanged;
    private boolean imagesChanged;

    /** Adds a node, or updates it if known; returns its new info (with its pods). */
    public NodeInfo addOrUpdateNode(Node node) {
        String name = node.getMetadata().getName();
        synchronized (lock) {
            NodeInfo before = nodeInfos.get(name);
            NodeInfo after = (before == null ? NodeInfo.empty(name) : before).withNode(node);
            if (before == null || before.node() == null) {
                countImages(Map.of(), after.imageSizes());
            } else {
                countImages(before.imageSizes(), after.imageSizes());
            }
            nodeInfos.put(name, after);
            Integer position = positions.get(name);
            if (position == null) {
                positions.put(name, ordered.size());
                ordered.add(after);
            } else {
                ordered.set(position, after);
            }
            nodesChanged = true;
            return after;
        }
    }

    /** Forgets a node; its pods stay accounted until they are deleted too. */
    public void removeNode(String name) {
        synchronized (lock) {
            NodeInfo before = nodeInfos.get(name);
            if (before == null) {
                return;
            }
            if (before.node() != null) {
                countImages(before.imageSizes(), Map.of());
            }
            NodeInfo after = before.withNode(null);
            if (after.pods().isEmpty()) {
                nodeInfos.remove(name);
            } else {
                nodeInfos.put(name, after);
            }
            Integer position = positions.remove(name);
            if (position != null) {
                ordered.remove((int) position);
                for (int i = position; i < ordered.size(); i++) {
                    positions.put(ordered.get(i).name(), i);
                }
            }
            nodesChanged = true;
        }
    }

    /**
     * Records a pod the API server has bound (informer add). Confirms it if this scheduler had assumed it; moves it
     * if it was bound elsewhere than assumed.
     */
    public void addPod(PodInfo pod) {
        synchronized (lock) {
            PodState existing = pods.get(pod.key());
            if (existing != null) {
                detach(existing.pod());
            }
            attach(pod);
            pods.put(pod.key(), new PodState(pod, false));
        }
    }

    /** Records a new version of a bound pod. */
    public void updatePod(PodInfo pod) {
        addPod(pod);
    }

    /** Forgets a bound or assumed pod (deleted). */
    public void removePod(String key) {
        synchronized (lock) {
            PodState existing = pods.remove(key);
            if (existing != null) {
                detach(existing.pod());
            }
        }
    }

    /**
     * Places {@code pod} (which names its node) on its node before the binding is confirmed.
     *
     * @return {@code false} if the cache already has this pod (bound or assumed)
     */
    public boolean assume(PodInfo pod) {
        synchronized (lock) {
            if (pods.containsKey(pod.key())) {
                return false;
            }
            attach(pod);
            pods.put(pod.key(), new PodState(pod, true));
            return true;
        }
    }

    /** Undoes {@link #assume} after a failed binding; does nothing if the pod was confirmed meanwhile. */
    public void forget(String key) {
        synchronized (lock) {
            PodState existing = pods.get(key);
            if (existing != null && existing.assumed()) {
                pods.remove(key);
                detach(existing.pod());
            }
        }
    }

    /** Whether {@code key} is assumed and not yet confirmed by the informer. */
    public boolean isAssumed(String key) {
        synchronized (lock) {
            PodState state = pods.get(key);
            return state != null && state.assumed();
        }
    }

    /** The node's current info, if the node or pods on it are known. */
    public Optional<NodeInfo> nodeInfo(String name) {
        synchronized (lock) {
            return Optional.ofNullable(nodeInfos.get(name));
        }
    }

    /** The number of pods on nodes, bound and assumed. */
    public int podCount() {
        synchronized (lock) {
            return pods.size();
        }
    }

    /** An immutable view of every node for one scheduling cycle; the same object while nothing changes. */
    public Snapshot snapshot() {
        synchronized (lock) {
            if (nodesChanged || imagesChanged) {
                snapshot = new Snapshot(List.copyOf(ordered),
                        imagesChanged ? Map.copyOf(imageNodeCounts) : snapshot.imageNodeCounts());
                nodesChanged = false;
                imagesChanged = false;
            }
            return snapshot;
        }
    }

    private void attach(PodInfo pod) {
        replace(nodeInfos.getOrDefault(pod.nodeName(), NodeInfo.empty(pod.nodeName())).withPod(pod));
    }

    private void detach(PodInfo pod) {
        NodeInfo before = nodeInfos.get(pod.nodeName());
        if (before == null) {
            return;
        }
        NodeInfo after = before.withoutPod(pod.key());
        if (after.node() == null && after.pods().isEmpty()) {
            nodeInfos.remove(after.name());
        } else {
            replace(after);
        }
    }

    private void replace(NodeInfo info) {
        nodeInfos.put(info.name(), info);
        Integer position = positions.get(info.name());
        if (position != null) {
            ordered.set(position, info);
            nodesChanged = true;
        }
    }

    private void countImages(Map<String, Long> removed, Map<String, Long> added) {
        if (removed.keySet().equals(added.keySet())) {
            return;
        }
        for (String image : removed.keySet()) {
            if (!added.containsKey(image)) {
                imageNodeCounts.computeIfPresent(image, (k, count) -> count > 1 ? count - 1 : null);
            }
        }
        for (String image : added.keySet()) {
            if (!removed.containsKey(image)) {
                imageNodeCounts.merge(image, 1, Integer::sum);
            }
        }
        imagesChanged = true;
    }
}
