package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kevents.kubelet.profile.VersionProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's {@code nginx-pod-test} (image {@code nginxa:1.8} does not exist) on a hollow node with a manual clock and
 * the mean requeue jitter (12.5 s): the exact sequence of events and statuses.
 */
class ImagePullBackOffTest {

    private static final String FAILED = "Warning Failed Failed to pull image \"nginxa:1.8\": rpc error: code = "
            + "Unknown desc = failed to pull and unpack image \"docker.io/library/nginxa:1.8\": failed to resolve "
            + "reference \"docker.io/library/nginxa:1.8\": pull access denied, repository does not exist or may "
            + "require authorization: server message: insufficient_scope: authorization failed";
    private static final String PULLING = "Normal Pulling Pulling image \"nginxa:1.8\"";
    private static final String ERR_IMAGE_PULL = "Warning Failed Error: ErrImagePull";
    private static final String BACK_OFF = "Normal BackOff Back-off pulling image \"nginxa:1.8\"";
    private static final String IMAGE_PULL_BACK_OFF = "Warning Failed Error: ImagePullBackOff";

    @Test
    void pullsBackOffAndPullAgainOnTheKubeletsSchedule() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.nginxPodTest());
        node.advanceTo(177);

        // Pull failures after 8 s; syncs requeue 12.5 s after each sync (rounded up to the 1 s tick); the sandbox
        // seen by the PLEG during the first pull makes the second sync run right after the first.
        assertThat(node.lines("nginx-pod-test")).containsExactly(
                "0 " + PULLING,
                "8 " + FAILED, "8 " + ERR_IMAGE_PULL,
                "8 " + BACK_OFF, "8 " + IMAGE_PULL_BACK_OFF,
                "21 " + PULLING,                                  // 13 s after the failure: 10 s back-off passed
                "29 " + FAILED, "29 " + ERR_IMAGE_PULL,
                "42 " + BACK_OFF, "42 " + IMAGE_PULL_BACK_OFF,     // 13 s < 20 s
                "55 " + PULLING,                                  // 26 s >= 20 s
                "63 " + FAILED, "63 " + ERR_IMAGE_PULL,
                "76 " + BACK_OFF, "76 " + IMAGE_PULL_BACK_OFF,     // 40 s back-off: three syncs held back
                "89 " + BACK_OFF, "89 " + IMAGE_PULL_BACK_OFF,
                "102 " + BACK_OFF, "102 " + IMAGE_PULL_BACK_OFF,
                "115 " + PULLING,
                "123 " + FAILED, "123 " + ERR_IMAGE_PULL,
                "136 " + BACK_OFF, "136 " + IMAGE_PULL_BACK_OFF,   // 80 s back-off
                "149 " + BACK_OFF, "149 " + IMAGE_PULL_BACK_OFF,
                "162 " + BACK_OFF, "162 " + IMAGE_PULL_BACK_OFF,
                "175 " + BACK_OFF, "175 " + IMAGE_PULL_BACK_OFF);
    }

    @Test
    void statusOnlyUpdatesDoNotSync() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        io.fabric8.kubernetes.api.model.Pod pod = node.bind(Pods.nginxPodTest());
        node.advanceTo(12);
        int before = node.events.calls().size();
        // What the API server sends back after the kubelet's status write: a new status, and (kevents' server)
        // labels and annotations null instead of absent. Neither is a reason to sync.
        io.fabric8.kubernetes.api.model.Pod echoed = new io.fabric8.kubernetes.api.model.PodBuilder(pod)
                .editMetadata().withLabels(null).withAnnotations(null).withResourceVersion("7").endMetadata()
                .editStatus().withPhase("Pending").withPodIP("10.100.85.193").endStatus().build();
        node.kubelet.updated(echoed);
        assertThat(node.events.calls()).hasSize(before);
        // A spec change is.
        node.kubelet.updated(new io.fabric8.kubernetes.api.model.PodBuilder(echoed).editMetadata()
                .addToLabels("app", "web").endMetadata().build());
        assertThat(node.events.calls()).hasSize(before + 2);
    }

    @Test
    void eventsAreAboutTheContainer() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        String uid = node.bind(Pods.nginxPodTest()).getMetadata().getUid();
        node.advanceTo(10);
        RecordingRecorder.Call first = node.events.calls().get(0);
        assertThat(first.object().getFieldPath()).isEqualTo("spec.containers{nginx}");
        assertThat(first.object().getKind()).isEqualTo("Pod");
        assertThat(first.object().getUid()).isEqualTo(uid);
        assertThat(first.object().getNamespace()).isEqualTo("default");
    }

    @Test
    void backOffDoublesToFiveMinutesBetweenPulls() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.nginxPodTest());
        node.advanceTo(3600);
        List<Double> failures = node.events.calls().stream().filter(c -> c.message().startsWith("Failed to pull"))
                .map(c -> (c.at().toEpochMilli() - TestNode.START.toEpochMilli()) / 1000.0).toList();
        List<Double> pulls = node.events.calls().stream().filter(c -> c.reason().equals("Pulling"))
                .map(c -> (c.at().toEpochMilli() - TestNode.START.toEpochMilli()) / 1000.0).toList();
        // The next pull comes at the first sync (every 13 s) after the back-off: 10, 20, 40, 80, 160, 300, 300 s.
        long[] backOffs = {10, 20, 40, 80, 160, 300, 300, 300};
        for (int i = 0; i < backOffs.length; i++) {
            double wait = pulls.get(i + 1) - failures.get(i);
            assertThat(wait).as("pull %d after back-off %d s", i + 2, backOffs[i])
                    .isGreaterThanOrEqualTo(backOffs[i]).isLessThan(backOffs[i] + 13.5);
        }
    }

    @Test
    void waitingReasonAlternatesOneSyncLate() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.nginxPodTest());
        node.advanceTo(177);
        // Each sync writes what the previous one found; unchanged statuses are not written again.
        assertThat(node.containerStates()).containsExactly(
                "0 Pending ContainerCreating",
                "8 Pending ErrImagePull",
                "21 Pending ImagePullBackOff",
                "42 Pending ErrImagePull",
                "55 Pending ImagePullBackOff",
                "76 Pending ErrImagePull",
                "89 Pending ImagePullBackOff",                 // 102 and 115 follow back-offs: unchanged
                "136 Pending ErrImagePull",
                "149 Pending ImagePullBackOff");
        PodStatus status = node.lastStatus();
        ContainerStatus container = status.getContainerStatuses().get(0);
        assertThat(container.getState().getWaiting().getMessage()).isEqualTo("Back-off pulling image \"nginxa:1.8\"");
        assertThat(container.getImage()).isEqualTo("nginxa:1.8");
        assertThat(container.getImageID()).isEmpty();
        assertThat(container.getContainerID()).isNull();
        assertThat(container.getReady()).isFalse();
        assertThat(container.getRestartCount()).isZero();
        assertThat(status.getPodIP()).isEqualTo("10.100.85.193");
        assertThat(status.getHostIP()).isEqualTo("172.20.70.215");
        assertThat(status.getConditions()).extracting(c -> c.getType() + "=" + c.getStatus()).containsExactly(
                "Initialized=True", "Ready=False", "ContainersReady=False", "PodScheduled=True");
        assertThat(status.getConditions().get(1).getReason()).isEqualTo("ContainersNotReady");
        assertThat(status.getConditions().get(1).getMessage()).isEqualTo("containers with unready status: [nginx]");
    }

    @Test
    void newerKubeletsSayWhyInTheWaitingMessage() {
        TestNode node = new TestNode(VersionProfile.V1_32);
        node.bind(Pods.nginxPodTest());
        node.advanceTo(30);
        ContainerStatus container = node.lastStatus().getContainerStatuses().get(0);
        assertThat(container.getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(container.getState().getWaiting().getMessage()).startsWith(
                "Back-off pulling image \"nginxa:1.8\": ErrImagePull: rpc error: code = Unknown desc = failed to pull");
        assertThat(node.lastStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("PodReadyToStartContainers=True", "Initialized=True", "Ready=False",
                        "ContainersReady=False", "PodScheduled=True");
    }
}
