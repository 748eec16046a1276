package io.kevents.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod as the scheduler sees it: the fabric8 object plus everything the plugins need, parsed once (requests as
 * numbers, host ports, node requirements, tolerations, images). Immutable; the fabric8 pod inside it is never
 * modified (an assumed pod is a new {@code PodInfo} with another {@link #nodeName()}).
 *
 * @param pod                 the pod as last seen from the API server
 * @param key                 {@code namespace/name}
 * @param nodeName            {@code spec.nodeName}, or the node it is assumed on; empty when unassigned
 * @param priority            {@code spec.priority} (0 when unset)
 * @param requests            what the pod asks for: the sum over its containers, at least each init container's,
 *                            plus overhead
 * @param nonZeroMilliCpu     cpu used for scoring, counting 100m for a container that asks for none
 * @param nonZeroMemory       memory used for scoring, counting 200 MiB for a container that asks for none
 * @param hostPorts           ports wanted on the node
 * @param nodeRequirement     nodeSelector and required node affinity
 * @param preferredTerms      preferred node affinity
 * @param tolerations         tolerations
 * @param images              container images, normalised with {@code :latest} when untagged
 */
public record PodInfo(Pod pod, String key, String nodeName, int priority, Resources requests, long nonZeroMilliCpu,
                      long nonZeroMemory, List<HostPort> hostPorts, NodeRequirement nodeRequirement,
                      List<WeightedTerm> preferredTerms, List<Toleration> tolerations, List<String> images) {

    /** cpu counted for a container without a cpu request when spreading load (Kubernetes: 100m). */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** memory counted for a container without a memory request when spreading load (Kubernetes: 200 MiB). */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    public PodInfo {
        nodeName = nodeName == null ? "" : nodeName;
        hostPorts = List.copyOf(hostPorts);
        preferredTerms = List.copyOf(preferredTerms);
        tolerations = List.copyOf(tolerations);
        images = List.copyOf(images);
    }

    /** Parses a fabric8 pod. */
    public static PodInfo from(Pod pod) {
        var spec = pod.getSpec();
        var meta = pod.getMetadata();
        String key = keyOf(meta.getNamespace(), meta.getName());
        Resources sum = Resources.ZERO;
        long nonZeroCpu = 0;
        long nonZeroMemory = 0;
        List<HostPort> ports = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (Container container : orEmpty(spec.getContainers())) {
            Resources requests = requests(container);
            sum = sum.plus(requests);
            nonZeroCpu += requests.milliCpu() == 0 ? DEFAULT_MILLI_CPU_REQUEST : requests.milliCpu();
            nonZeroMemory += requests.memory() == 0 ? DEFAULT_MEMORY_REQUEST : requests.memory();
            for (ContainerPort port : orEmpty(container.getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    ports.add(new HostPort(port.getProtocol(), port.getHostIP(), port.getHostPort()));
                }
            }
            if (container.getImage() != null) {
                images.add(normalizeImage(container.getImage()));
            }
        }
        for (Container init : orEmpty(spec.getInitContainers())) {
            Resources requests = requests(init);
            sum = sum.max(requests);
            nonZeroCpu = Math.max(nonZeroCpu,
                    requests.milliCpu() == 0 ? DEFAULT_MILLI_CPU_REQUEST : requests.milliCpu());
            nonZeroMemory = Math.max(nonZeroMemory,
                    requests.memory() == 0 ? DEFAULT_MEMORY_REQUEST : requests.memory());
        }
        Resources overhead = Quantities.resources(spec.getOverhead());
        sum = sum.plus(overhead);
        nonZeroCpu += overhead.milliCpu();
        nonZeroMemory += overhead.memory();
        List<Toleration> tolerations = orEmpty(spec.getTolerations()).stream().map(Toleration::from).toList();
        return new PodInfo(pod, key, spec.getNodeName(), spec.getPriority() == null ? 0 : spec.getPriority(), sum,
                nonZeroCpu, nonZeroMemory, ports, requirement(spec.getNodeSelector(), spec.getAffinity()),
                preferred(spec.getAffinity()), tolerations, images);
    }

    /** {@code namespace/name}. */
    private static String keyOf(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** This pod assumed (or bound) on {@code node}. */
    public PodInfo withNodeName(String node) {
        return new PodInfo(pod, key, node, priority, requests, nonZeroMilliCpu, nonZeroMemory, hostPorts,
                nodeRequirement, preferredTerms, tolerations, images);
    }

    /** The pod's namespace. */
    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    /** The pod's name. */
    public String name() {
        return pod.getMetadata().getName();
    }

    /** The pod's uid. */
    public String uid() {
        return pod.getMetadata().getUid();
    }

    /** Whether the pod has a node (assigned by the API server or assumed by this scheduler). */
    public boolean isAssigned() {
        return !nodeName.isEmpty();
    }

    /** Whether the pod is being deleted. */
    public boolean isDeleting() {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** {@code spec.schedulerName}, empty when unset. */
    public String schedulerName() {
        String name = pod.getSpec().getSchedulerName();
        return name == null ? "" : name;
    }

    /** {@code spec.preemptionPolicy}, {@code PreemptLowerPriority} when unset. */
    public String preemptionPolicy() {
        String policy = pod.getSpec().getPreemptionPolicy();
        return policy == null ? "PreemptLowerPriority" : policy;
    }

    /** The number of app containers (ImageLocality scales its thresholds by it). */
    public int containerCount() {
        return orEmpty(pod.getSpec().getContainers()).size();
    }

    /** Kubernetes treats an image without a tag as {@code :latest}; a digest counts as a tag here. */
    public static String normalizeImage(String image) {
        int colon = image.lastIndexOf(':');
        int slash = image.lastIndexOf('/');
        return colon <= slash ? image + ":latest" : image;
    }

    private static Resources requests(Container container) {
        if (container.getResources() == null) {
            return Resources.ZERO;
        }
        Map<String, Quantity> requests = container.getResources().getRequests();
        if (requests == null || requests.isEmpty()) {
            // The API server defaults requests to limits; a pod seen before defaulting is treated the same way.
            requests = container.getResources().getLimits();
        }
        return Quantities.resources(requests);
    }

    private static NodeRequirement requirement(Map<String, String> nodeSelector, Affinity affinity) {
        List<NodeSelectorTerm> terms = null;
        NodeAffinity nodeAffinity = affinity == null ? null : affinity.getNodeAffinity();
        if (nodeAffinity != null) {
            NodeSelector required = nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution();
            if (required != null) {
                terms = orEmpty(required.getNodeSelectorTerms()).stream().map(NodeSelectorTerm::from).toList();
            }
        }
        if ((nodeSelector == null || nodeSelector.isEmpty()) && terms == null) {
            return NodeRequirement.NONE;
        }
        return new NodeRequirement(nodeSelector, terms);
    }

    private static List<WeightedTerm> preferred(Affinity affinity) {
        NodeAffinity nodeAffinity = affinity == null ? null : affinity.getNodeAffinity();
        if (nodeAffinity == null) {
            return List.of();
        }
        List<WeightedTerm> terms = new ArrayList<>();
        for (PreferredSchedulingTerm term
                : orEmpty(nodeAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())) {
            int weight = term.getWeight() == null ? 0 : term.getWeight();
            if (weight != 0 && term.getPreference() != null) {
                terms.add(new WeightedTerm(weight, NodeSelectorTerm.from(term.getPreference())));
            }
        }
        return terms;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
