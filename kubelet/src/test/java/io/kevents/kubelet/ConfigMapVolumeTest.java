package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.kubelet.profile.VersionProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's {@code alpine01}: FailedMount until {@code nginx-configmap} exists, then Created, Started, Running. */
class ConfigMapVolumeTest {

    private static final String FAILED_MOUNT = "Warning FailedMount MountVolume.SetUp failed for volume "
            + "\"nginx-conf\" : configmap \"nginx-configmap\" not found";

    @Test
    void failsToMountUntilTheConfigMapExistsThenStarts() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.alpine01());
        node.advanceTo(50);
        // Retries back off 500 ms, doubling, up to 2m2s.
        assertThat(node.lines("alpine01")).containsExactly(
                "0 " + FAILED_MOUNT, "0.5 " + FAILED_MOUNT, "1.5 " + FAILED_MOUNT, "3.5 " + FAILED_MOUNT,
                "7.5 " + FAILED_MOUNT, "15.5 " + FAILED_MOUNT, "31.5 " + FAILED_MOUNT);
        assertThat(node.containerStates()).containsExactly("0 Pending ContainerCreating");
        assertThat(node.lastStatus().getPodIP()).isNull();

        node.configMaps.add("default/nginx-configmap");
        node.advanceTo(70);
        // The configmap appearing does not cut the back-off short: the retry at 63.5 s finds it, and the sync
        // still waiting for the volume goes on at once.
        assertThat(node.lines("alpine01")).endsWith(
                "31.5 " + FAILED_MOUNT,
                "63.5 Normal Pulled Container image \"alpine\" already present on machine",
                "63.5 Normal Created Created container alpine",
                "63.5 Normal Started Started container alpine");
        assertThat(node.containerStates()).containsExactly("0 Pending ContainerCreating", "64 Running Running");
        assertThat(node.lastStatus().getPodIP()).isEqualTo("10.100.85.193");
    }

    @Test
    void aConfigMapCreatedAfterTheSyncGaveUpIsUsedByTheNextSync() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.alpine01());
        node.advanceTo(100);
        node.configMaps.add("default/nginx-configmap");
        node.advanceTo(140);
        // The sync gave up at 2m3s; the retry at 127.5 s mounts; the next sync (12.5 s after 123 s) starts it.
        assertThat(node.lines("alpine01")).endsWith(
                "63.5 " + FAILED_MOUNT,
                "123 Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[nginx-conf], "
                        + "unattached volumes=[nginx-conf]: timed out waiting for the condition",
                "136 Normal Pulled Container image \"alpine\" already present on machine",
                "136 Normal Created Created container alpine",
                "136 Normal Started Started container alpine");
    }

    @Test
    void aSyncGivesUpWaitingForVolumesAfterTwoMinutes() {
        String unableToMount = "Warning FailedMount Unable to attach or mount volumes: unmounted volumes=[nginx-conf], "
                + "unattached volumes=[nginx-conf]: timed out waiting for the condition";
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(Pods.alpine01());
        // The first sync waits 2m3s for its volumes; the failed sync requeues 12.5 s later (at the tick, 136 s),
        // and that sync waits 2m3s again: it gives up at 259 s, not before.
        node.advanceTo(258.9);
        assertThat(unableToMount(node)).containsExactly("123 " + unableToMount);
        node.advanceTo(260);
        assertThat(unableToMount(node)).containsExactly("123 " + unableToMount, "259 " + unableToMount);
        assertThat(node.containerStates()).containsExactly("0 Pending ContainerCreating");
    }

    private static List<String> unableToMount(TestNode node) {
        return node.lines("alpine01").stream().filter(line -> line.contains("Unable to attach or mount")).toList();
    }

    @Test
    void anOptionalConfigMapNeedNotExist() {
        TestNode node = new TestNode(VersionProfile.V1_20);
        node.bind(new io.fabric8.kubernetes.api.model.PodBuilder(Pods.alpine01()).editSpec().editFirstVolume()
                .editConfigMap().withOptional(true).endConfigMap().endVolume().endSpec().build());
        node.advanceTo(1);
        assertThat(node.lines("alpine01")).containsExactly(
                "0 Normal Pulled Container image \"alpine\" already present on machine",
                "0 Normal Created Created container alpine",
                "0 Normal Started Started container alpine");
    }
}
