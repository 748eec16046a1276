package io.kevents.kubelet.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact texts, byte for byte: 1.20 against the seed article's output, 1.32 against the kubelet's sources. */
class VersionProfileTest {

    private static final String SEED_PULL_ERROR = "rpc error: code = Unknown desc = failed to pull and unpack image "
            + "\"docker.io/library/nginxa:1.8\": failed to resolve reference \"docker.io/library/nginxa:1.8\": pull "
            + "access denied, repository does not exist or may require authorization: server message: "
            + "insufficient_scope: authorization failed";

    @Test
    void seedTexts() {
        VersionProfile v = VersionProfile.V1_20;
        assertThat(v.pulling("nginxa:1.8")).isEqualTo("Pulling image \"nginxa:1.8\"");
        assertThat(v.failedToPull("nginxa:1.8", v.pullAccessDenied("docker.io/library/nginxa:1.8")))
                .isEqualTo("Failed to pull image \"nginxa:1.8\": " + SEED_PULL_ERROR);
        assertThat(v.error("ErrImagePull")).isEqualTo("Error: ErrImagePull");
        assertThat(v.error("ImagePullBackOff")).isEqualTo("Error: ImagePullBackOff");
        assertThat(v.backOffPulling("nginxa:1.8")).isEqualTo("Back-off pulling image \"nginxa:1.8\"");
        assertThat(v.alreadyPresent("nginx:1.8")).isEqualTo("Container image \"nginx:1.8\" already present on machine");
        assertThat(v.alreadyPresent("alpine")).isEqualTo("Container image \"alpine\" already present on machine");
        assertThat(v.created("nginx")).isEqualTo("Created container nginx");
        assertThat(v.started("alpine")).isEqualTo("Started container alpine");
        assertThat(v.mountSetUpFailed("nginx-conf", v.configMapNotFound("nginx-configmap")))
                .isEqualTo("MountVolume.SetUp failed for volume \"nginx-conf\" : configmap \"nginx-configmap\" not found");
        assertThat(v.kubeletVersion()).isEqualTo("v1.20.1");
    }

    @Test
    void version120Texts() {
        VersionProfile v = VersionProfile.V1_20;
        assertThat(v.successfullyPulled("nginx:1.8", Duration.ofMillis(2500), Duration.ofNanos(49_657_983_991L), 7))
                .isEqualTo("Successfully pulled image \"nginx:1.8\" in 49.657983991s");
        assertThat(v.neverPull("busybox")).isEqualTo("Container image \"busybox\" is not present with pull policy of Never");
        assertThat(v.killing("nginx")).isEqualTo("Stopping container nginx");
        assertThat(v.backOffWaitingMessage("nginxa:1.8", "boom")).isEqualTo("Back-off pulling image \"nginxa:1.8\"");
        assertThat(v.unableToMount(List.of("nginx-conf"), List.of("nginx-conf", "data")))
                .isEqualTo("Unable to attach or mount volumes: unmounted volumes=[nginx-conf], unattached "
                        + "volumes=[nginx-conf data]: timed out waiting for the condition");
        assertThat(v.startingKubelet()).isEqualTo("Starting kubelet.");
        assertThat(v.nodeStatusIsNow("k8s-node01", "NodeReady")).isEqualTo("Node k8s-node01 status is now: NodeReady");
        assertThat(v.allocatableEnforced()).isEqualTo("Updated Node Allocatable limit across pods");
        assertThat(v.reportsPodReadyToStartContainers()).isFalse();
        assertThat(v.spamFilterKeysByType()).isFalse();
    }

    @Test
    void version132Texts() {
        VersionProfile v = VersionProfile.V1_32;
        assertThat(v.successfullyPulled("nginx:1.8", Duration.ofNanos(2_512_345_678L), Duration.ofNanos(7_000_999_999L),
                132_768_575)).isEqualTo("Successfully pulled image \"nginx:1.8\" in 2.512s (7s including waiting). "
                + "Image size: 132768575 bytes.");
        assertThat(v.backOffWaitingMessage("nginxa:1.8", "rpc error: boom"))
                .isEqualTo("Back-off pulling image \"nginxa:1.8\": ErrImagePull: rpc error: boom");
        assertThat(v.unableToMount(List.of("nginx-conf"), List.of("nginx-conf")))
                .isEqualTo("Unable to attach or mount volumes: unmounted volumes=[nginx-conf], unattached "
                        + "volumes=[nginx-conf], failed to process volumes=[]: context deadline exceeded");
        assertThat(v.created("nginx")).isEqualTo("Created container nginx");
        assertThat(v.pulling("nginxa:1.8")).isEqualTo("Pulling image \"nginxa:1.8\"");
        assertThat(v.kubeletVersion()).isEqualTo("v1.32.0");
        assertThat(v.reportsPodReadyToStartContainers()).isTrue();
        assertThat(v.spamFilterKeysByType()).isTrue();
    }

    @Test
    void parsesVersionNames() {
        assertThat(VersionProfile.parse("1.20")).isEqualTo(VersionProfile.V1_20);
        assertThat(VersionProfile.parse("v1.20.1")).isEqualTo(VersionProfile.V1_20);
        assertThat(VersionProfile.parse("1.32")).isEqualTo(VersionProfile.V1_32);
        assertThat(VersionProfile.parse("current")).isEqualTo(VersionProfile.CURRENT).isEqualTo(VersionProfile.V1_32);
        assertThatThrownBy(() -> VersionProfile.parse("1.2")).isInstanceOf(IllegalArgumentException.class);
    }
}
