package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubeTimeTest {

    private final Instant instant = Instant.parse("2021-09-15T11:13:20.123456789Z");

    @Test
    void formatsTimeWithSecondsAndMicroTimeWithSixDigits() {
        assertThat(KubeTime.formatTime(instant)).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(KubeTime.formatMicroTime(instant)).isEqualTo("2021-09-15T11:13:20.123456Z");
        assertThat(KubeTime.formatMicroTime(Instant.parse("2021-09-15T11:13:20Z")))
                .isEqualTo("2021-09-15T11:13:20.000000Z");
        assertThat(KubeTime.formatTime(null)).isNull();
    }

    @Test
    void parsesBothEncodingsAndOffsets() {
        assertThat(KubeTime.parse("2021-09-15T11:13:20Z")).isEqualTo(Instant.parse("2021-09-15T11:13:20Z"));
        assertThat(KubeTime.parse("2021-09-15T11:13:20.123456Z"))
                .isEqualTo(Instant.parse("2021-09-15T11:13:20.123456Z"));
        assertThat(KubeTime.parse("2021-09-15T19:13:20+08:00")).isEqualTo(Instant.parse("2021-09-15T11:13:20Z"));
        assertThat(KubeTime.parse("")).isNull();
    }

    @Test
    void recognisesCanonicalText() {
        assertThat(KubeTime.isCanonical("2021-09-15T11:13:20Z", false)).isTrue();
        assertThat(KubeTime.isCanonical("2021-09-15T11:13:20.123456Z", true)).isTrue();
        assertThat(KubeTime.isCanonical("2021-09-15T11:13:20.123Z", false)).isFalse();
        assertThat(KubeTime.isCanonical("2021-09-15T11:13:20+08:00", false)).isFalse();
        assertThat(KubeTime.isCanonical("2021-09-15T11:13:20Z", true)).isFalse();
        assertThat(KubeTime.isCanonical("2021-09-15 11:13:20Z", false)).isFalse();
    }
}
