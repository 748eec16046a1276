package io.kevents.recorder;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countersArePublishedToMicrometer() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EventBroadcaster broadcaster = EventBroadcaster.create(
                settings(new ManualClock()).withMeterRegistry(registry), SeriesOptions.clientGo())) {
            broadcaster.startRecordingToSink(new InMemoryEventSink());
            EventRecorder recorder = broadcaster.newRecorder("default-scheduler", "s");
            recorder.eventf(pod("default", "p"), null, EventType.NORMAL, "Scheduled", "Binding", "ok");
            broadcaster.flush(Duration.ofSeconds(10));
            recorder.eventf(pod("default", "p"), null, EventType.NORMAL, "Scheduled", "Binding", "ok");
            recorder.eventf(pod("default", "p"), null, "Nope", "Scheduled", "Binding", "ok");
            broadcaster.flush(Duration.ofSeconds(10));

            assertThat(registry.get("kevents.recorder.events.recorded").tag("api", "events.k8s.io/v1")
                    .functionCounter().count()).isEqualTo(2);
            assertThat(registry.get("kevents.recorder.events.dropped").tag("reason", "invalid")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("kevents.recorder.sink.writes").tag("operation", "create")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("kevents.recorder.sink.writes").tag("operation", "patch")
                    .functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("kevents.recorder.queue.depth").tag("queue", "writes").gauge().value())
                    .isZero();
        }
    }
}
