package io.kevents.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({
        "-5, <invalid>", "-1, 0s", "0, 0s", "11, 11s", "119, 119s", "120, 2m", "177, 2m57s", "599, 9m59s",
        "600, 10m", "780, 13m", "10799, 179m", "10800, 3h", "10860, 3h1m", "28800, 8h", "172799, 47h",
        "172800, 2d", "176400, 2d1h", "691200, 8d", "2246400, 26d", "14083200, 163d", "63072000, 2y",
        "63158400, 2y1d", "252288000, 8y"
    })
    void formatsLikeKubernetes(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
