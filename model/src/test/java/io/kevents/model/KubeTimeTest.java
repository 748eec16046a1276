package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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

    @Property(tries = 2000)
    void formatsAsTheJavaTimeFormatterDoes(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L)
                                           long epochSecond, @ForAll @IntRange(max = 999_999_999) int nanos) {
        Instant at = Instant.ofEpochSecond(epochSecond, nanos);
        assertThat(KubeTime.formatTime(at)).isEqualTo(
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(at));
        assertThat(KubeTime.formatMicroTime(at)).isEqualTo(
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC).format(at));
        assertThat(KubeTime.parse(KubeTime.formatMicroTime(at))).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
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
