package io.kevents.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void runsTimersInDueOrderAtTheirOwnTimes() {
        ManualClock clock = new ManualClock(Instant.parse("2021-01-01T00:00:00Z"));
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(3), () -> ran.add("3s@" + clock.now()));
        clock.schedule(Duration.ofSeconds(1), () -> {
            ran.add("1s@" + clock.now());
            clock.schedule(Duration.ofSeconds(1), () -> ran.add("chained@" + clock.now()));
        });
        Clock.Timer cancelled = clock.schedule(Duration.ofSeconds(2), () -> ran.add("cancelled"));
        assertThat(cancelled.cancel()).isTrue();

        clock.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("1s@2021-01-01T00:00:01Z", "chained@2021-01-01T00:00:02Z",
                "3s@2021-01-01T00:00:03Z");
        assertThat(clock.now()).isEqualTo(Instant.parse("2021-01-01T00:00:05Z"));
        assertThat(clock.nanoTime()).isEqualTo(5_000_000_000L);
        assertThat(clock.pendingTimers()).isZero();
    }
}
