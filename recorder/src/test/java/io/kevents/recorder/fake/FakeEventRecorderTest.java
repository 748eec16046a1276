package io.kevents.recorder.fake;

import static io.kevents.recorder.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kevents.recorder.EventType;
import io.kevents.recorder.RecordOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FakeEventRecorderTest {

    @Test
    void keepsEveryEventWithoutEverBlocking() {
        FakeEventRecorder recorder = new FakeEventRecorder();
        // client-go's FakeRecorder hangs once its channel buffer is full and nobody reads.
        for (int i = 0; i < 50_000; i++) {
            recorder.eventf(pod("default", "p"), null, EventType.NORMAL, "Synced", "Sync", "round %d", i);
        }
        assertThat(recorder.log().events()).hasSize(50_000);
        assertThat(recorder.log().lines().get(7)).isEqualTo("Normal Synced round 7");
    }

    @Test
    void validatesLikeTheRealRecorder() {
        FakeEventRecorder recorder = new FakeEventRecorder();
        assertThat(recorder.eventf(pod("default", "p"), null, "Bad", "R", "A", "x")).isEqualTo(RecordOutcome.INVALID);
        assertThat(recorder.eventf(pod("default", "p"), null, EventType.NORMAL, "R", "", "x"))
                .isEqualTo(RecordOutcome.INVALID);
        new FakeLegacyEventRecorder(recorder.log()).event(pod("default", "p"), EventType.WARNING, "Failed", "boom");
        assertThat(recorder.log().lines()).containsExactly("Warning Failed boom");
    }

    @Test
    void awaitsEventsRecordedOnOtherThreads() {
        FakeLegacyEventRecorder recorder = new FakeLegacyEventRecorder();
        CompletableFuture.runAsync(() ->
                recorder.eventf(pod("default", "p"), EventType.NORMAL, "Started", "Started container %s", "nginx"));
        FakeEvent started = recorder.log().await(e -> e.reason().equals("Started"), Duration.ofSeconds(10));
        assertThat(started.note()).isEqualTo("Started container nginx");
        assertThatThrownBy(() -> recorder.log().await(e -> e.reason().equals("Never"), Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Normal Started Started container nginx");
    }
}
