package io.kevents.kubelet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "nginx:1.8, docker.io/library/nginx:1.8",
            "nginxa:1.8, docker.io/library/nginxa:1.8",
            "alpine, docker.io/library/alpine:latest",
            "library/alpine:3.19, docker.io/library/alpine:3.19",
            "docker.io/library/alpine, docker.io/library/alpine:latest",
            "bitnami/redis:7, docker.io/bitnami/redis:7",
            "quay.io/coreos/etcd:v3.5.0, quay.io/coreos/etcd:v3.5.0",
            "localhost:5000/app, localhost:5000/app:latest",
            "registry.k8s.io/pause:3.9, registry.k8s.io/pause:3.9",
            "nginx@sha256:abc, docker.io/library/nginx@sha256:abc",
    })
    void normalisesLikeContainerd(String written, String full) {
        assertThat(ImageReference.parse(written).full()).isEqualTo(full);
    }

    @Test
    void catalogueFindsAnySpelling() {
        ImageCatalogue catalogue = ImageCatalogue.seed();
        assertThat(catalogue.lookup(ImageReference.parse("docker.io/library/alpine:latest")).availability())
                .isEqualTo(ImageEntry.Availability.PRESENT);
        assertThat(catalogue.lookup(ImageReference.parse("nginxa:1.8")).availability())
                .isEqualTo(ImageEntry.Availability.NONEXISTENT);
        assertThat(catalogue.lookup(ImageReference.parse("redis:7")).availability())
                .isEqualTo(ImageEntry.Availability.PULLABLE);
    }

    @Test
    void pullTimeIsResolvePlusDownload() {
        ImageEntry entry = ImageEntry.pullable(25_000_000, 10_000_000);
        assertThat(entry.pullTime(false)).isEqualTo(Duration.ofMillis(3500));
        assertThat(entry.pullTime(true)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void pullPoliciesDecideLikeTheKubelet() {
        assertThat(PullPolicy.fromSpec("Always").shouldPull(true)).isTrue();
        assertThat(PullPolicy.fromSpec("IfNotPresent").shouldPull(true)).isFalse();
        assertThat(PullPolicy.fromSpec("IfNotPresent").shouldPull(false)).isTrue();
        assertThat(PullPolicy.fromSpec("Never").shouldPull(false)).isFalse();
        // Defaulting (Always for :latest) is the API server's; an unset policy never pulls, as in the kubelet.
        assertThat(PullPolicy.fromSpec(null)).isEqualTo(PullPolicy.UNSET);
        assertThat(PullPolicy.UNSET.shouldPull(false)).isFalse();
    }
}
