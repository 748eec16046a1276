package io.kevents.kubelet.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBackOffTest {

    private static final long S = 1_000_000_000L;
    private final ImageBackOff backOff = new ImageBackOff(Duration.ofSeconds(10), Duration.ofSeconds(300));

    @Test
    void doublesFromTenSecondsToFiveMinutes() {
        String key = ImageBackOff.key("uid-1", "nginxa:1.8");
        List<Long> seconds = new ArrayList<>();
        long now = 0;
        for (int failure = 0; failure < 7; failure++) {
            backOff.next(key, now);
            seconds.add(backOff.current(key).toSeconds());
            now += backOff.current(key).toNanos() + S;
        }
        assertThat(seconds).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L);
    }

    @Test
    void holdsPullsBackUntilTheBackOffHasPassed() {
        String key = ImageBackOff.key("uid-1", "nginxa:1.8");
        assertThat(backOff.isInBackOffSinceUpdate(key, 0)).isFalse();
        backOff.next(key, 8 * S);
        assertThat(backOff.isInBackOffSinceUpdate(key, 8 * S)).isTrue();
        assertThat(backOff.isInBackOffSinceUpdate(key, 17 * S)).isTrue();
        assertThat(backOff.isInBackOffSinceUpdate(key, 18 * S)).isFalse();
    }

    @Test
    void startsOverAfterTwiceTheMaximumWithoutFailures() {
        String key = ImageBackOff.key("uid-1", "nginxa:1.8");
        backOff.next(key, 0);
        backOff.next(key, 20 * S);
        assertThat(backOff.current(key)).isEqualTo(Duration.ofSeconds(20));
        backOff.next(key, 20 * S + 601 * S);
        assertThat(backOff.current(key)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void keysArePerPodAndImageAndForgottenWithThePod() {
        backOff.next(ImageBackOff.key("a", "x"), 0);
        backOff.next(ImageBackOff.key("a", "y"), 0);
        backOff.next(ImageBackOff.key("b", "x"), 0);
        assertThat(backOff.isInBackOffSinceUpdate("b_x", S)).isTrue();
        backOff.forgetPod("a");
        assertThat(backOff.size()).isEqualTo(1);
        backOff.gc(1000 * S);
        assertThat(backOff.size()).isZero();
    }
}
