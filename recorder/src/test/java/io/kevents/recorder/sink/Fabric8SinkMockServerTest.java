package io.kevents.recorder.sink;

import static io.kevents.recorder.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.series.SeriesOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorder writing over real HTTP through the fabric8 client, to fabric8's mock API server in CRUD mode
 * (which stores what it is sent, but does not understand strategic merge patch: the sinks use JSON merge patch).
 */
@EnableKubernetesMockClient(crud = true)
class Fabric8SinkMockServerTest {

    KubernetesClient client;

    private final Pod pod = pod("default", "nginx-pod-test");

    @Test
    void eventsV1SeriesAreCreatedAndPatchedOverHttp() {
        EventBroadcaster broadcaster = EventBroadcaster.create(PipelineSettings.defaults(), SeriesOptions.clientGo());
        broadcaster.startRecordingToSink(new Fabric8EventSink(client));
        EventRecorder scheduler = broadcaster.newRecorder("default-scheduler", "default-scheduler-master");
        for (int i = 0; i < 3; i++) {
            scheduler.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling",
                    "0/2 nodes are available: %d node(s) didn't match Pod's node affinity.", 1);
            broadcaster.flush(Duration.ofSeconds(10));
        }
        CloseReport report = broadcaster.close(Duration.ofSeconds(10));

        assertThat(report.isComplete()).isTrue();
        List<io.fabric8.kubernetes.api.model.events.v1.Event> events =
                client.events().v1().events().inNamespace("default").list().getItems();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getReason()).isEqualTo("FailedScheduling");
            assertThat(event.getAction()).isEqualTo("Scheduling");
            assertThat(event.getReportingController()).isEqualTo("default-scheduler");
            assertThat(event.getRegarding().getName()).isEqualTo("nginx-pod-test");
            assertThat(event.getSeries().getCount()).isEqualTo(3); // final count written at close
            assertThat(event.getNote())
                    .isEqualTo("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity.");
        });
        assertThat(broadcaster.metrics().snapshot().creates()).isEqualTo(1);
        assertThat(broadcaster.metrics().snapshot().patches()).isEqualTo(2);
    }

    @Test
    void coreV1CountsArePatchedOverHttp() {
        LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create(PipelineSettings.defaults(),
                CorrelatorOptions.defaults());
        broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client));
        LegacyEventRecorder kubelet = broadcaster.newRecorder(new EventSource("kubelet", "k8s-node01"));
        for (int i = 0; i < 4; i++) {
            kubelet.eventf(pod, EventType.NORMAL, "Pulling", "Pulling image \"%s\"", "nginxa:1.8");
            broadcaster.flush(Duration.ofSeconds(10));
        }
        broadcaster.close(Duration.ofSeconds(10));

        List<io.fabric8.kubernetes.api.model.Event> events =
                client.v1().events().inNamespace("default").list().getItems();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(4);
            assertThat(event.getMessage()).isEqualTo("Pulling image \"nginxa:1.8\"");
            assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
            assertThat(event.getFirstTimestamp()).isNotNull();
            assertThat(event.getLastTimestamp()).isNotNull();
        });
        assertThat(broadcaster.metrics().snapshot().patches()).isEqualTo(3);
    }

    @Test
    void aPatchOfAnEventTheServerNoLongerHasRecreatesIt() {
        LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create(PipelineSettings.defaults(),
                CorrelatorOptions.defaults());
        broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client));
        LegacyEventRecorder kubelet = broadcaster.newRecorder(new EventSource("kubelet", "k8s-node01"));
        kubelet.event(pod, EventType.NORMAL, "Pulled", "Container image \"nginx:1.8\" already present on machine");
        broadcaster.flush(Duration.ofSeconds(10));
        client.v1().events().inNamespace("default").delete(); // as the server's TTL would
        await().until(() -> client.v1().events().inNamespace("default").list().getItems().isEmpty());
        kubelet.event(pod, EventType.NORMAL, "Pulled", "Container image \"nginx:1.8\" already present on machine");
        broadcaster.close(Duration.ofSeconds(10));

        assertThat(client.v1().events().inNamespace("default").list().getItems()).singleElement()
                .satisfies(event -> assertThat(event.getCount()).isEqualTo(2));
    }
}
