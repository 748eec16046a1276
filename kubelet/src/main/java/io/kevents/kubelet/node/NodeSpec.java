package io.kevents.kubelet.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hollow node to run: what its kubelet registers. Immutable; {@code with...} return changed copies.
 *
 * @param name           the node name (also {@code kubernetes.io/hostname})
 * @param labels         labels besides the kubelet's own ({@code kubernetes.io/hostname}, {@code kubernetes.io/os},
 *                       {@code kubernetes.io/arch} and their {@code beta.} forms), e.g. role labels
 * @param taints         taints registered with the node
 * @param resources      capacity
 * @param internalIp     the node's address (InternalIP, and the pods' hostIP)
 * @param podCidr        where its pods' IPs come from
 * @param kubeletVersion e.g. {@code v1.20.1}; {@code null} for the version profile's
 * @param osImage        {@code nodeInfo.osImage}
 * @param kernelVersion  {@code nodeInfo.kernelVersion}
 */
public record NodeSpec(String name, Map<String, String> labels, List<NodeTaint> taints, NodeResources resources,
                       String internalIp, String podCidr, String kubeletVersion, String osImage,
                       String kernelVersion) {

    /** The label kubectl turns into the ROLES column. */
    public static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

    public NodeSpec {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    /** A worker node with standard resources on CentOS 7 (the seed's cluster). */
    public static NodeSpec worker(String name, String internalIp, String podCidr) {
        return new NodeSpec(name, Map.of(), List.of(), NodeResources.standard(), internalIp, podCidr, null,
                "CentOS Linux 7 (Core)", "3.10.0-1160.el7.x86_64");
    }

    /**
     * The {@code index}-th generated worker ({@code --nodes N}): address {@code 10.240.x.y}, pod CIDR
     * {@code 10.<64 + index / 256>.<index % 256>.0/24}, so that thousands of nodes get distinct ranges.
     */
    public static NodeSpec generated(String name, int index) {
        String ip = "10.240." + (index / 250) + "." + (index % 250 + 2);
        String cidr = "10." + (64 + index / 256) + "." + (index % 256) + ".0/24";
        return worker(name, ip, cidr);
    }

    /** This node with one more label. */
    public NodeSpec withLabel(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(labels);
        copy.put(key, value);
        return new NodeSpec(name, copy, taints, resources, internalIp, podCidr, kubeletVersion, osImage,
                kernelVersion);
    }

    /** This node with {@code node-role.kubernetes.io/<role>: ""} for each role. */
    public NodeSpec withRoles(String... roles) {
        NodeSpec spec = this;
        for (String role : roles) {
            spec = spec.withLabel(ROLE_LABEL_PREFIX + role, "");
        }
        return spec;
    }

    /** This node with one more taint. */
    public NodeSpec withTaint(NodeTaint taint) {
        List<NodeTaint> copy = new ArrayList<>(taints);
        copy.add(taint);
        return new NodeSpec(name, labels, copy, resources, internalIp, podCidr, kubeletVersion, osImage,
                kernelVersion);
    }

    /** This node reporting another kubelet version. */
    public NodeSpec withKubeletVersion(String version) {
        return new NodeSpec(name, labels, taints, resources, internalIp, podCidr, version, osImage, kernelVersion);
    }

    /** This node with other resources. */
    public NodeSpec withResources(NodeResources newResources) {
        return new NodeSpec(name, labels, taints, newResources, internalIp, podCidr, kubeletVersion, osImage,
                kernelVersion);
    }

    /** Every label the kubelet registers: its own first, then these. */
    public Map<String, String> allLabels() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("beta.kubernetes.io/arch", "amd64");
        all.put("beta.kubernetes.io/os", "linux");
        all.put("kubernetes.io/arch", "amd64");
        all.put("kubernetes.io/hostname", name);
        all.put("kubernetes.io/os", "linux");
        all.putAll(labels);
        return all;
    }
}
