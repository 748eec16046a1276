package io.kevents.scheduler.testing;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import java.util.Map;
import java.util.UUID;

/** Small builders for the nodes and pods the tests need. */
public final class Objects {

    private Objects() {
    }

    /** A node with 4 cpu, 8Gi memory, room for 110 pods, and these labels. */
    public static NodeBuilder node(String name, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addToAllocatable("cpu", new Quantity("4"))
                .addToAllocatable("memory", new Quantity("8Gi")).addToAllocatable("pods", new Quantity("110"))
                .endStatus();
    }

    /** A node carrying the v1.20 control-plane taint. */
    public static NodeBuilder master(String name, Map<String, String> labels) {
        return node(name, labels).editSpec().addToTaints(new TaintBuilder()
                .withKey("node-role.kubernetes.io/master").withEffect("NoSchedule").build()).endSpec();
    }

    /** A node's info. */
    public static NodeInfo info(NodeBuilder node) {
        return NodeInfo.of(node.build());
    }

    /** A pending pod in {@code default} with one nginx container and these requests (may be empty). */
    public static PodBuilder pod(String name, Map<String, String> requests) {
        ContainerBuilder container = new ContainerBuilder().withName("nginx").withImage("nginx:1.8");
        requests.forEach((resource, amount) -> container.editOrNewResources()
                .addToRequests(resource, new Quantity(amount)).endResources());
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString()).endMetadata()
                .withNewSpec().withSchedulerName("default-scheduler").withContainers(container.build()).endSpec();
    }

    /** The seed's pod: nodeSelector {@code disktype: ssd}, nothing requested. */
    public static Pod seedPod() {
        return pod("nginx-pod-failed-to-scheduler", Map.of()).editSpec().addToNodeSelector("disktype", "ssd")
                .endSpec().build();
    }

    /** A pod's info. */
    public static PodInfo info(PodBuilder pod) {
        return PodInfo.from(pod.build());
    }
}
