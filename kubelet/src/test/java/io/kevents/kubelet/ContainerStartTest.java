package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kevents.kubelet.image.ImageEntry;
import io.kevents.kubelet.profile.VersionProfile;
import org.junit.jupiter.api.Test;

/** Pull policies, pulls with size and speed, container start, status Running, deletion. */
class ContainerStartTest {

    @Test
    void presentImageStartsWithoutPulling() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.pod("nginx-pod-failed-to-scheduler", "nginx", "nginx:1.8", "IfNotPresent"));
        node.advanceTo(5);
        assertThat(node.lines()).containsExactly(
                "0 Normal Pulled Container image \"nginx:1.8\" already present on machine",
                "0 Normal Created Created container nginx",
                "0 Normal Started Started container nginx");
        // The status written when the sync starts says ContainerCreating; the PLEG notices the started container
        // at its next relist and the sync it asks for writes Running.
        assertThat(node.containerStates()).containsExactly("0 Pending ContainerCreating", "1 Running Running");
        PodStatus status = node.lastStatus();
        ContainerStatus container = status.getContainerStatuses().get(0);
        assertThat(container.getReady()).isTrue();
        assertThat(container.getStarted()).isTrue();
        assertThat(container.getState().getRunning().getStartedAt()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(container.getImage()).isEqualTo("docker.io/library/nginx:1.8");
        assertThat(container.getImageID()).startsWith("docker.io/library/nginx@sha256:");
        assertThat(container.getContainerID()).matches("containerd://[0-9a-f]{64}");
        assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).containsExactly(
                "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True");
        assertThat(status.getStartTime()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(status.getQosClass()).isEqualTo("BestEffort");
    }

    @Test
    void runningPodResyncsEveryMinuteAndAHalfWithoutEvents() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.pod("web", "nginx", "nginx:1.8", "IfNotPresent"));
        node.advanceTo(600);
        assertThat(node.lines()).hasSize(3);
        assertThat(node.statuses).hasSize(2);
    }

    @Test
    void alwaysPullsEvenAPresentImage() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.pod("web", "nginx", "nginx:1.8", "Always"));
        node.advanceTo(5);
        assertThat(node.lines()).containsExactly(
                "0 Normal Pulling Pulling image \"nginx:1.8\"",
                "1 Normal Pulled Successfully pulled image \"nginx:1.8\" in 1s",
                "1 Normal Created Created container nginx",
                "1 Normal Started Started container nginx");
    }

    @Test
    void neverDoesNotPullAnAbsentImage() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.pod("web", "app", "busybox:1.36", "Never"));
        node.advanceTo(14);
        // The PLEG sees the sandbox of the first sync and asks for another one at the next second.
        String never = "Warning ErrImageNeverPull Container image \"busybox:1.36\" is not present with pull "
                + "policy of Never";
        assertThat(node.lines()).containsExactly(
                "0 " + never, "0 Warning Failed Error: ErrImageNeverPull",
                "1 " + never, "1 Warning Failed Error: ErrImageNeverPull",
                "14 " + never, "14 Warning Failed Error: ErrImageNeverPull");
        assertThat(node.lastStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ErrImageNeverPull");
    }

    @Test
    void pullsTakeSizeOverSpeedAndWaitForEachOther() {
        TestNode node = new TestNode(VersionProfile.V1_20,
                config -> config.withImages(config.images().with("redis:7", ImageEntry.pullable(25_000_000, 10_000_000))),
                io.kevents.kubelet.node.NodeSpec.worker("k8s-node01", "172.20.70.215", "10.100.85.192/26"),
                recorder -> recorder);
        node.bind(Pods.pod("a", "redis", "redis:7", "IfNotPresent"));
        node.bind(Pods.pod("b", "redis", "redis:7", "IfNotPresent"));
        node.advanceTo(10);
        // One resolve second plus 2.5 s of download; the node's puller is serial, so b's pull waits for a's.
        assertThat(node.lines("a")).containsExactly(
                "0 Normal Pulling Pulling image \"redis:7\"",
                "3.5 Normal Pulled Successfully pulled image \"redis:7\" in 3.5s",
                "3.5 Normal Created Created container redis",
                "3.5 Normal Started Started container redis");
        assertThat(node.lines("b")).containsExactly(
                "0 Normal Pulling Pulling image \"redis:7\"",
                "7 Normal Pulled Successfully pulled image \"redis:7\" in 7s",
                "7 Normal Created Created container redis",
                "7 Normal Started Started container redis");
    }

    @Test
    void newerKubeletsReportPullTimeWaitingAndSize() {
        TestNode node = new TestNode(VersionProfile.V1_32,
                config -> config.withImages(config.images().with("redis:7", ImageEntry.pullable(25_000_000, 10_000_000))),
                io.kevents.kubelet.node.NodeSpec.worker("k8s-node01", "172.20.70.215", "10.100.85.192/26"),
                recorder -> recorder);
        node.bind(Pods.pod("a", "redis", "redis:7", "IfNotPresent"));
        node.bind(Pods.pod("b", "redis", "redis:7", "IfNotPresent"));
        node.advanceTo(10);
        assertThat(node.lines("b")).contains("7 Normal Pulled Successfully pulled image \"redis:7\" in 3.5s "
                + "(7s including waiting). Image size: 25000000 bytes.");
        // Once pulled, the image is on the node.
        node.bind(Pods.pod("c", "redis", "redis:7", "IfNotPresent"));
        assertThat(node.lines("c")).first().isEqualTo(
                "10 Normal Pulled Container image \"redis:7\" already present on machine");
    }

    @Test
    void deletionStopsRunningContainers() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        Pod running = node.bind(new io.fabric8.kubernetes.api.model.PodBuilder(
                Pods.pod("two", "nginx", "nginx:1.8", "IfNotPresent")).editSpec().addNewContainer().withName("side")
                .withImage("nginxa:1.8").withImagePullPolicy("IfNotPresent").endContainer().endSpec().build());
        node.advanceTo(20);
        node.kubelet.deleted(running);
        node.advanceTo(300);
        // Only the running container is stopped; the one waiting for its image never ran.
        assertThat(node.lines("two")).last().isEqualTo("20 Normal Killing Stopping container nginx");
        assertThat(node.lines("two").stream().filter(l -> l.contains("Killing"))).hasSize(1);
    }

    @Test
    void gracefulDeletionStopsContainersThenDeletesThePod() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        Pod running = node.bind(Pods.pod("web", "nginx", "nginx:1.8", "IfNotPresent"));
        node.advanceTo(2);
        node.kubelet.updated(new io.fabric8.kubernetes.api.model.PodBuilder(running).editMetadata()
                .withDeletionTimestamp("2021-09-15T11:13:22Z").withDeletionGracePeriodSeconds(30L).endMetadata()
                .build());
        assertThat(node.lines()).last().isEqualTo("2 Normal Killing Stopping container nginx");
        assertThat(node.deleted).extracting(p -> p.getMetadata().getName()).containsExactly("web");
    }
}
