package io.kevents.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A node and the pods on it (bound or assumed), with their totals, as the plugins read them. Immutable: the cache
 * replaces a node's {@code NodeInfo} when anything about it changes, so a scheduling cycle can read a snapshot
 * without locks while informers and bindings go on.
 */
public final class NodeInfo {

    private final String name;
    private final Node node;
    private final Map<String, String> labels;
    private final List<Taint> taints;
    private final boolean unschedulable;
    private final Resources allocatable;
    private final long allowedPods;
    private final Map<String, Long> imageSizes;
    private final List<PodInfo> pods;
    private final Resources requested;
    // Allocatable minus requested, kept because NodeResourcesFit reads it for every pod and node it filters and
    // filters must not allocate; both inputs only change through the constructor.
    private final Resources free;
    private final long nonZeroMilliCpu;
    private final long nonZeroMemory;
    private final List<HostPort> usedPorts;

    private NodeInfo(String name, Node node, Map<String, String> labels, List<Taint> taints, boolean unschedulable,
                     Resources allocatable, long allowedPods, Map<String, Long> imageSizes, List<PodInfo> pods,
                     Resources requested, long nonZeroMilliCpu, long nonZeroMemory, List<HostPort> usedPorts) {
        this.name = name;
        this.node = node;
        this.labels = labels;
        this.taints = taints;
        this.unschedulable = unschedulable;
        this.allocatable = allocatable;
        this.allowedPods = allowedPods;
        this.imageSizes = imageSizes;
        this.pods = pods;
        this.requested = requested;
        this.free = allocatable.minus(requested);
        this.nonZeroMilliCpu = nonZeroMilliCpu;
        this.nonZeroMemory = nonZeroMemory;
        this.usedPorts = usedPorts;
    }

    /** A node without pods. */
    public static NodeInfo of(Node node) {
        return empty(node.getMetadata().getName()).withNode(node);
    }

    /** A placeholder for pods whose node the cache has not seen (yet, or any more). */
    public static NodeInfo empty(String name) {
        return new NodeInfo(name, null, Map.of(), List.of(), false, Resources.ZERO, 0, Map.of(), List.of(),
                Resources.ZERO, 0, 0, List.of());
    }

    /** This node's pods on another version of the node object ({@code null}: the node is gone). */
    public NodeInfo withNode(Node newNode) {
        if (newNode == null) {
            return new NodeInfo(name, null, Map.of(), List.of(), false, Resources.ZERO, 0, Map.of(), pods, requested,
                    nonZeroMilliCpu, nonZeroMemory, usedPorts);
        }
        var spec = newNode.getSpec();
        var status = newNode.getStatus();
        Map<String, String> newLabels = newNode.getMetadata().getLabels() == null ? Map.of()
                : Collections.unmodifiableMap(new HashMap<>(newNode.getMetadata().getLabels()));
        List<Taint> newTaints = spec == null || spec.getTaints() == null ? List.of()
                : spec.getTaints().stream().map(Taint::from).toList();
        boolean newUnschedulable = spec != null && Boolean.TRUE.equals(spec.getUnschedulable());
        Map<String, Quantity> allocatableMap = status == null ? null : status.getAllocatable();
        Resources newAllocatable = Quantities.resources(allocatableMap);
        long pods = allocatableMap == null || allocatableMap.get(Quantities.PODS) == null ? 0
                : Quantities.value(allocatableMap.get(Quantities.PODS));
        return new NodeInfo(name, newNode, newLabels, newTaints, newUnschedulable, newAllocatable, pods,
                images(status == null ? null : status.getImages()), this.pods, requested, nonZeroMilliCpu,
                nonZeroMemory, usedPorts);
    }

    /** This node with {@code pod} added (its requests and ports now count). */
    public NodeInfo withPod(PodInfo pod) {
        List<PodInfo> newPods = new ArrayList<>(pods.size() + 1);
        newPods.addAll(pods);
        newPods.add(pod);
        List<HostPort> newPorts = usedPorts;
        if (!pod.hostPorts().isEmpty()) {
            newPorts = new ArrayList<>(usedPorts);
            newPorts.addAll(pod.hostPorts());
            newPorts = List.copyOf(newPorts);
        }
        return new NodeInfo(name, node, labels, taints, unschedulable, allocatable, allowedPods, imageSizes,
                Collections.unmodifiableList(newPods), requested.plus(pod.requests()),
                nonZeroMilliCpu + pod.nonZeroMilliCpu(), nonZeroMemory + pod.nonZeroMemory(), newPorts);
    }

    /** This node without the pod with {@code key}; itself when that pod is not here. */
    public NodeInfo withoutPod(String key) {
        return withoutPods(pod -> pod.key().equals(key));
    }

    /**
     * This node without every pod {@code leaving} accepts, in one pass (preemption takes away all lower-priority
     * pods at once); itself when none does.
     */
    public NodeInfo withoutPods(Predicate<PodInfo> leaving) {
        List<PodInfo> kept = new ArrayList<>(pods.size());
        List<HostPort> freedPorts = new ArrayList<>();
        Resources newRequested = requested;
        long newMilliCpu = nonZeroMilliCpu;
        long newMemory = nonZeroMemory;
        for (PodInfo pod : pods) {
            if (!leaving.test(pod)) {
                kept.add(pod);
                continue;
            }
            freedPorts.addAll(pod.hostPorts());
            newRequested = newRequested.minus(pod.requests());
            newMilliCpu -= pod.nonZeroMilliCpu();
            newMemory -= pod.nonZeroMemory();
        }
        if (kept.size() == pods.size()) {
            return this;
        }
        List<HostPort> newPorts = usedPorts;
        if (!freedPorts.isEmpty()) {
            List<HostPort> remaining = new ArrayList<>(usedPorts);
            freedPorts.forEach(remaining::remove);
            newPorts = List.copyOf(remaining);
        }
        return new NodeInfo(name, node, labels, taints, unschedulable, allocatable, allowedPods, imageSizes,
                Collections.unmodifiableList(kept), newRequested, newMilliCpu, newMemory, newPorts);
    }

    private static Map<String, Long> images(List<ContainerImage> images) {
        if (images == null || images.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> sizes = new HashMap<>();
        for (ContainerImage image : images) {
            long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
            for (String imageName : image.getNames() == null ? List.<String>of() : image.getNames()) {
                sizes.put(PodInfo.normalizeImage(imageName), size);
            }
        }
        return Map.copyOf(sizes);
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** The node object, or {@code null} for a placeholder. */
    public Node node() {
        return node;
    }

    /** The node's labels. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The node's taints, in the node's order (the first untolerated one is the one reported). */
    public List<Taint> taints() {
        return taints;
    }

    /** {@code spec.unschedulable}. */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** {@code status.allocatable} (cpu, memory, ephemeral storage, extended resources). */
    public Resources allocatable() {
        return allocatable;
    }

    /** {@code status.allocatable.pods}. */
    public long allowedPods() {
        return allowedPods;
    }

    /** Sizes of the images the node has, by normalised name. */
    public Map<String, Long> imageSizes() {
        return imageSizes;
    }

    /** The pods on the node, bound and assumed. */
    public List<PodInfo> pods() {
        return pods;
    }

    /** The sum of the pods' requests. */
    public Resources requested() {
        return requested;
    }

    /** {@link #allocatable()} minus {@link #requested()}: what is left for more pods (negative when overcommitted). */
    public Resources free() {
        return free;
    }

    /** The pods' cpu for scoring, with defaults for containers that ask for none. */
    public long nonZeroMilliCpu() {
        return nonZeroMilliCpu;
    }

    /** The pods' memory for scoring, with defaults for containers that ask for none. */
    public long nonZeroMemory() {
        return nonZeroMemory;
    }

    /** The host ports the pods use. */
    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name + ", pods=" + pods.size() + ", requested=" + requested + "]";
    }
}
