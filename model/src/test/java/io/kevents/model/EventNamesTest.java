package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventNamesTest {

    private static final UUID FALLBACK = UUID.fromString("9f0a1a4e-6b5e-4a51-9a8e-0c1d2e3f4a5b");

    @Test
    void namesAreObjectNameDotHexUnixNanos() {
        long nanos = EventNames.unixNanos(Instant.parse("2021-09-15T11:13:20Z"));
        assertThat(nanos).isEqualTo(1_631_704_400_000_000_000L);
        assertThat(EventNames.generate("nginx-pod-test", nanos, () -> FALLBACK))
                .isEqualTo("nginx-pod-test.16a4fa81b4712000");
    }

    @Test
    void fallsBackToAUuidWhenTheNameIsNotADnsSubdomain() {
        assertThat(EventNames.generate("Upper", 1, () -> FALLBACK)).isEqualTo(FALLBACK.toString());
        assertThat(EventNames.generate("system:node", 1, () -> FALLBACK)).isEqualTo(FALLBACK.toString());
        assertThat(EventNames.generate("a".repeat(260), 1, () -> FALLBACK)).isEqualTo(FALLBACK.toString());
        assertThat(EventNames.isDnsSubdomain("k8s-node01.16a4")).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "a, true", "k8s-node01.16a4fa81b4712000, true", "a.b.c, true", "0abc, true", "-a, false", "a-, false",
        "a..b, false", ".a, false", "a., false", "a.-b, false", "a-.b, false", "A, false", "a_b, false",
        "a:b, false", "nginx-pod-test, true"
    })
    void checksDnsSubdomainsLikeKubernetes(String name, boolean valid) {
        assertThat(EventNames.isDnsSubdomain(name)).isEqualTo(valid);
        assertThat(java.util.regex.Pattern.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*",
                name)).as("the regular expression Kubernetes documents").isEqualTo(valid);
    }
}
