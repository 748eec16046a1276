package io.kevents.kubelet.node;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.DaemonEndpoint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeDaemonEndpoints;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.model.KubeTime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The API objects a kubelet writes for its node: the Node it registers, its status, and its Lease in
 * {@code kube-node-lease}, with the kubelet's condition reasons and messages.
 */
public final class NodeObjects {

    /** The namespace of node heartbeat leases. */
    public static final String LEASE_NAMESPACE = "kube-node-lease";

    private NodeObjects() {
    }

    /** One node condition as the kubelet's setters write it. */
    public record Condition(String type, boolean isTrue, String reason, String message) {

        /** The four conditions of a healthy node; Ready as given. */
        static List<Condition> healthy(boolean ready) {
            return List.of(
                    new Condition("MemoryPressure", false, "KubeletHasSufficientMemory",
                            "kubelet has sufficient memory available"),
                    new Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    new Condition("PIDPressure", false, "KubeletHasSufficientPID",
                            "kubelet has sufficient PID available"),
                    ready ? new Condition("Ready", true, "KubeletReady", "kubelet is posting ready status")
                            : new Condition("Ready", false, "KubeletNotReady",
                            "container runtime status check may not have completed yet"));
        }
    }

    /** The Node the kubelet registers (metadata, spec and a first status). */
    public static Node node(io.kevents.kubelet.node.NodeSpec spec, VersionProfile profile, NodeStatus status) {
        Node node = new Node();
        node.setApiVersion("v1");
        node.setKind("Node");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(spec.name());
        meta.setLabels(spec.allLabels());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("node.alpha.kubernetes.io/ttl", "0");
        annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        meta.setAnnotations(annotations);
        node.setMetadata(meta);
        NodeSpec nodeSpec = new NodeSpec();
        if (!spec.taints().isEmpty()) {
            nodeSpec.setTaints(spec.taints().stream().map(NodeTaint::toTaint).toList());
        }
        nodeSpec.setPodCIDR(spec.podCidr());
        nodeSpec.setPodCIDRs(List.of(spec.podCidr()));
        node.setSpec(nodeSpec);
        node.setStatus(status);
        return node;
    }

    /**
     * The node's status: capacity and allocatable, conditions (with {@code lastHeartbeatTime} = now and
     * transition times carried over from {@code previous}), addresses, kubelet endpoint, system info, images.
     */
    public static NodeStatus status(io.kevents.kubelet.node.NodeSpec spec, VersionProfile profile,
                                    List<Condition> conditions, NodeStatus previous, List<ContainerImage> images,
                                    Instant now) {
        NodeStatus status = new NodeStatus();
        status.setCapacity(spec.resources().capacity());
        status.setAllocatable(spec.resources().allocatable());
        String nowText = KubeTime.formatTime(now);
        status.setConditions(conditions.stream().map(c -> {
            NodeCondition condition = new NodeCondition();
            condition.setType(c.type());
            condition.setStatus(c.isTrue() ? "True" : "False");
            condition.setReason(c.reason());
            condition.setMessage(c.message());
            condition.setLastHeartbeatTime(nowText);
            NodeCondition before = find(previous, c.type());
            condition.setLastTransitionTime(before != null && before.getStatus().equals(condition.getStatus())
                    ? before.getLastTransitionTime() : nowText);
            return condition;
        }).toList());
        status.setAddresses(List.of(new NodeAddress(spec.internalIp(), "InternalIP"),
                new NodeAddress(spec.name(), "Hostname")));
        NodeDaemonEndpoints endpoints = new NodeDaemonEndpoints();
        endpoints.setKubeletEndpoint(new DaemonEndpoint(10250));
        status.setDaemonEndpoints(endpoints);
        String version = spec.kubeletVersion() != null ? spec.kubeletVersion() : profile.kubeletVersion();
        NodeSystemInfo info = new NodeSystemInfo();
        info.setMachineID(stableId(spec.name(), "machine").replace("-", ""));
        info.setSystemUUID(stableId(spec.name(), "system"));
        info.setBootID(stableId(spec.name(), "boot"));
        info.setKernelVersion(spec.kernelVersion());
        info.setOsImage(spec.osImage());
        info.setContainerRuntimeVersion(profile.containerRuntimeVersion());
        info.setKubeletVersion(version);
        info.setKubeProxyVersion(version);
        info.setOperatingSystem("linux");
        info.setArchitecture("amd64");
        status.setNodeInfo(info);
        status.setImages(images);
        return status;
    }

    /** The heartbeat lease: held by the node, 40 s, renewed at {@code renewTime}, owned by the Node. */
    public static Lease lease(String nodeName, String nodeUid, int durationSeconds, Instant renewTime) {
        Lease lease = new Lease();
        lease.setApiVersion("coordination.k8s.io/v1");
        lease.setKind("Lease");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(nodeName);
        meta.setNamespace(LEASE_NAMESPACE);
        if (nodeUid != null) {
            OwnerReference owner = new OwnerReference();
            owner.setApiVersion("v1");
            owner.setKind("Node");
            owner.setName(nodeName);
            owner.setUid(nodeUid);
            meta.setOwnerReferences(List.of(owner));
        }
        lease.setMetadata(meta);
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(nodeName);
        spec.setLeaseDurationSeconds(durationSeconds);
        spec.setRenewTime(ZonedDateTime.ofInstant(renewTime, ZoneOffset.UTC));
        lease.setSpec(spec);
        return lease;
    }

    private static NodeCondition find(NodeStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /** A UUID that is the same for a node name every run (real nodes keep their machine and system ids). */
    private static String stableId(String nodeName, String purpose) {
        return UUID.nameUUIDFromBytes((purpose + ":" + nodeName).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
