package io.kevents.recorder;

import static io.kevents.recorder.Fixtures.pod;
import static io.kevents.recorder.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.series.SeriesOptions;
import io.kevents.recorder.sink.InMemoryEventSink;
import io.kevents.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two recorders naming an event about the same object at the same instant pick the same name; the second create
 * answers AlreadyExists. The writer must take a fresh name, never patch the other recorder's event.
 */
class NameCollisionTest {

    @Test
    void aNameTakenByAnotherRecorderIsReplacedNotPatched() {
        ManualClock clock = new ManualClock();
        InMemoryEventSink apiServer = new InMemoryEventSink();
        Pod pod = pod("default", "nginx");
        try (EventBroadcaster scheduler = EventBroadcaster.create(settings(clock), SeriesOptions.clientGo());
             LegacyEventBroadcaster kubelet = LegacyEventBroadcaster.create(settings(clock),
                     CorrelatorOptions.defaults())) {
            scheduler.startRecordingToSink(apiServer);
            kubelet.startRecordingToSink(apiServer);
            scheduler.newRecorder("default-scheduler", "s").eventf(pod, null, EventType.NORMAL, "Scheduled",
                    "Binding", "Successfully assigned default/nginx to node-1");
            scheduler.flush(Duration.ofSeconds(10));
            kubelet.newRecorder(new EventSource("kubelet", "node-1")).event(pod, EventType.NORMAL, "Pulled",
                    "Container image \"nginx\" already present on machine");
            kubelet.flush(Duration.ofSeconds(10));
        }
        assertThat(apiServer.events()).hasSize(2);
        assertThat(apiServer.events()).extracting(Event::getReason, Event::getMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Scheduled", "Successfully assigned default/nginx to node-1"),
                org.assertj.core.groups.Tuple.tuple("Pulled", "Container image \"nginx\" already present on machine"));
        assertThat(apiServer.briefCalls().get(1)).startsWith("create").endsWith("failed");
        assertThat(apiServer.events().get(1).getMetadata().getName())
                .isNotEqualTo(apiServer.events().get(0).getMetadata().getName());
    }
}
