package io.kevents.kubelet.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    /** Expected values are what Go's time.Duration.String() prints for the same number of nanoseconds. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0s",
            "1|1ns",
            "999|999ns",
            "1000|1µs",
            "1100|1.1µs",
            "2200000|2.2ms",
            "850000000|850ms",
            "999999999|999.999999ms",
            "1000000000|1s",
            "1500000000|1.5s",
            "49657983991|49.657983991s",
            "60000000000|1m0s",
            "123500000000|2m3.5s",
            "3600000000000|1h0m0s",
            "3723000000000|1h2m3s",
            "-1500000000|-1.5s",
            "-9223372036854775808|-2562047h47m16.854775808s",
            "9223372036854775807|2562047h47m16.854775807s",
    })
    void formatsLikeGo(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1234567891|1.234s",
            "999999|0s",
            "61001500000|1m1.001s",
    })
    void truncatesToMillisecondsAsNewerKubelets(long nanos, String expected) {
        assertThat(GoDuration.format(GoDuration.truncatedToMillis(Duration.ofNanos(nanos)))).isEqualTo(expected);
    }

    @Property
    void wholeSecondsBelowAMinutePrintAsSeconds(@ForAll @LongRange(min = 1, max = 59) long seconds) {
        assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(seconds + "s");
    }

    @Property
    void minutesAndSecondsBelowAnHour(@ForAll @LongRange(min = 60, max = 3599) long seconds) {
        assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(seconds / 60 + "m" + seconds % 60 + "s");
    }

    @Property
    void fractionsNeverEndInZero(@ForAll @LongRange(min = 1, max = 10_000_000_000_000L) long nanos) {
        String text = GoDuration.format(Duration.ofNanos(nanos));
        assertThat(text).doesNotContainPattern("\\.\\d*0[a-zµ]");
        assertThat(text).doesNotContain(".s").doesNotContain(".m");
    }
}
