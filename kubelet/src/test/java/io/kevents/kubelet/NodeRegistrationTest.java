package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.kevents.kubelet.profile.VersionProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration, node events, conditions and heartbeats of one hollow kubelet (fake API). */
class NodeRegistrationTest {

    @Test
    void recordsTheKubeletsNodeEventsInOrder() {
        TestNode node = new TestNode(VersionProfile.V1_20, c -> c, SeedCluster.master(), r -> r);
        node.kubelet.start();
        node.advanceTo(5);
        assertThat(node.lines()).containsExactly(
                "0 Normal Starting Starting kubelet.",
                "0 Normal NodeHasSufficientMemory Node k8s-master01 status is now: NodeHasSufficientMemory",
                "0 Normal NodeHasNoDiskPressure Node k8s-master01 status is now: NodeHasNoDiskPressure",
                "0 Normal NodeHasSufficientPID Node k8s-master01 status is now: NodeHasSufficientPID",
                "0 Normal NodeAllocatableEnforced Updated Node Allocatable limit across pods",
                "1 Normal NodeReady Node k8s-master01 status is now: NodeReady");
        RecordingRecorder.Call starting = node.events.calls().get(0);
        // The kubelet's node reference: no namespace (the event lands in default) and the name as uid.
        assertThat(starting.object().getKind()).isEqualTo("Node");
        assertThat(starting.object().getName()).isEqualTo("k8s-master01");
        assertThat(starting.object().getUid()).isEqualTo("k8s-master01");
        assertThat(starting.object().getNamespace()).isNull();
    }

    @Test
    void registersTheSeedsControlPlane() {
        TestNode node = new TestNode(VersionProfile.V1_20, c -> c, SeedCluster.master(), r -> r);
        node.kubelet.start();
        Node registered = node.registered.get(0);
        assertThat(registered.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "k8s-master01")
                .containsEntry("node-role.kubernetes.io/control-plane", "")
                .containsEntry("node-role.kubernetes.io/master", "")
                .containsEntry("disktype", "ssd")
                .containsEntry("kubernetes.io/os", "linux");
        assertThat(registered.getSpec().getTaints()).singleElement().satisfies(taint -> {
            assertThat(taint.getKey()).isEqualTo("node-role.kubernetes.io/master");
            assertThat(taint.getValue()).isNull();
            assertThat(taint.getEffect()).isEqualTo("NoSchedule");
        });
        NodeStatus status = registered.getStatus();
        assertThat(status.getNodeInfo().getKubeletVersion()).isEqualTo("v1.20.1");
        assertThat(status.getNodeInfo().getContainerRuntimeVersion()).isEqualTo("containerd://1.4.3");
        assertThat(status.getCapacity().get("pods").getAmount()).isEqualTo("110");
        assertThat(status.getAllocatable().get("memory").toString()).isEqualTo("7906520Ki");
        assertThat(status.getAddresses()).extracting(a -> a.getType() + "=" + a.getAddress())
                .containsExactly("InternalIP=172.20.70.214", "Hostname=k8s-master01");
        assertThat(status.getImages()).flatExtracting(i -> i.getNames())
                .contains("docker.io/library/nginx:1.8", "docker.io/library/alpine:latest");
        // Registered before the runtime is ready; NodeReady follows.
        assertThat(conditions(status)).containsExactly(
                "MemoryPressure=False KubeletHasSufficientMemory kubelet has sufficient memory available",
                "DiskPressure=False KubeletHasNoDiskPressure kubelet has no disk pressure",
                "PIDPressure=False KubeletHasSufficientPID kubelet has sufficient PID available",
                "Ready=False KubeletNotReady container runtime status check may not have completed yet");
        node.advanceTo(1);
        assertThat(conditions(node.nodeStatuses.get(0))).last()
                .isEqualTo("Ready=True KubeletReady kubelet is posting ready status");
    }

    @Test
    void heartbeatsWithTheLeaseEveryTenSecondsAndTheStatusEveryFiveMinutes() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.kubelet.start();
        node.advanceTo(320);
        assertThat(node.leases).hasSize(33);
        assertThat(node.leases.get(0).getMetadata().getNamespace()).isEqualTo("kube-node-lease");
        assertThat(node.leases.get(0).getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo("uid-of-k8s-node01");
        assertThat(node.leases.get(0).getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        assertThat(node.leases.get(32).getSpec().getRenewTime().toInstant())
                .isEqualTo(TestNode.START.plusSeconds(320));
        // Ready at 1 s, then the five-minute report (the first 10 s tick at least 300 s later).
        assertThat(node.nodeStatuses).hasSize(2);
        NodeCondition ready = node.nodeStatuses.get(1).getConditions().get(3);
        assertThat(ready.getLastHeartbeatTime()).isEqualTo("2021-09-15T11:18:30Z");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2021-09-15T11:13:21Z");
    }

    @Test
    void reportsNewImagesAtTheNextStatusUpdate() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.kubelet.start();
        node.bind(Pods.pod("web", "redis", "redis:7", "IfNotPresent"));
        node.advanceTo(12);
        assertThat(node.nodeStatuses).hasSize(2);
        assertThat(node.nodeStatuses.get(1).getImages()).flatExtracting(i -> i.getNames())
                .contains("docker.io/library/redis:7");
    }

    private static List<String> conditions(NodeStatus status) {
        return status.getConditions().stream()
                .map(c -> c.getType() + "=" + c.getStatus() + " " + c.getReason() + " " + c.getMessage()).toList();
    }
}
