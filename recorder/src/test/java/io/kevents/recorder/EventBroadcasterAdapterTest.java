package io.kevents.recorder;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.kevents.recorder.adapter.EventsApi;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventBroadcasterAdapterTest {

    private final ManualClock clock = new ManualClock();
    private final InMemoryEventSink eventsV1Sink = new InMemoryEventSink();
    private final InMemoryEventSink coreV1Sink = new InMemoryEventSink();

    @Test
    void aFailedProbeFallsBackToCoreV1AndReprobesUntilItKnows() {
        AtomicInteger probes = new AtomicInteger();
        EventBroadcasterAdapter adapter = new EventBroadcasterAdapter(eventsV1Sink, coreV1Sink, () -> {
            if (probes.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        }, settings(clock), SeriesOptions.clientGo(), CorrelatorOptions.defaults());
        adapter.start();
        EventRecorder recorder = adapter.newRecorder("default-scheduler");

        assertThat(adapter.currentApi()).isEqualTo(EventsApi.CORE_V1);
        recorder.eventf(pod("default", "a"), pod("default", "b"), EventType.WARNING, "FailedScheduling",
                "Scheduling", "while unknown");

        // client-go would stay on core/v1 for good after one failed discovery call.
        clock.advance(Duration.ofSeconds(1));
        await().until(() -> adapter.currentApi() == EventsApi.EVENTS_V1);
        recorder.eventf(pod("default", "a"), null, EventType.NORMAL, "Scheduled", "Binding", "once known");
        CloseReport report = adapter.close(Duration.ofSeconds(10));

        assertThat(report.isComplete()).isTrue();
        assertThat(probes).hasValue(2);
        Event fallback = coreV1Sink.events().get(0);
        assertThat(fallback.getMessage()).isEqualTo("while unknown");
        // The core/v1 fallback keeps what client-go's adapter drops.
        assertThat(fallback.getAction()).isEqualTo("Scheduling");
        assertThat(fallback.getRelated().getName()).isEqualTo("b");
        assertThat(fallback.getSource().getComponent()).isEqualTo("default-scheduler");
        assertThat(eventsV1Sink.eventsV1()).singleElement()
                .satisfies(e -> assertThat(e.getNote()).isEqualTo("once known"));
    }

    @Test
    void aServerWithoutEventsV1IsWrittenThroughCoreV1() {
        EventBroadcasterAdapter adapter = new EventBroadcasterAdapter(eventsV1Sink, coreV1Sink, () -> false,
                settings(clock), SeriesOptions.clientGo(), CorrelatorOptions.defaults());
        adapter.start();
        adapter.newRecorder("my-operator").eventf(pod("default", "a"), null, EventType.NORMAL, "Synced", "Sync",
                "ok");
        adapter.close(Duration.ofSeconds(10));
        assertThat(adapter.currentApi()).isEqualTo(EventsApi.CORE_V1);
        assertThat(coreV1Sink.events()).hasSize(1);
        assertThat(eventsV1Sink.calls()).isEmpty();
    }
}
