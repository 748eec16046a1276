package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.RecordOutcome;
import io.kevents.recorder.sink.Fabric8EventSink;
import io.kevents.recorder.sink.Fabric8LegacyEventSink;
import io.kevents.recorder.sink.PatchFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kevents recorder's fabric8 sinks writing to the kevents API server, with both patch formats: the
 * events.k8s.io/v1 series (create, {@code series.count} patches, the final count on close) and core/v1 counts.
 * Every state is read back through both event APIs ({@code client.events().v1()} and {@code client.v1().events()}),
 * which must show one stored object in two shapes.
 */
class RecorderSinksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String UNSCHEDULABLE = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity.";

    private static Cluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PatchFormat.class)
    void eventsV1SeriesIsCreatedThenPatchedThenClosedWithTheFinalCount(PatchFormat format) {
        KubernetesClient client = cluster.client();
        String namespace = cluster.createNamespace("series-" + dashed(format));
        Pod pod = cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        EventBroadcaster broadcaster = EventBroadcaster.create();
        broadcaster.startRecordingToSink(new Fabric8EventSink(client, format));
        EventRecorder scheduler = broadcaster.newRecorder("default-scheduler", "default-scheduler-k8s-master01");

        record(scheduler.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", UNSCHEDULABLE));
        assertThat(broadcaster.flush(TIMEOUT)).isTrue();
        io.fabric8.kubernetes.api.model.events.v1.Event created = onlyEventsV1(namespace);
        assertThat(created.getSeries()).isNull();
        assertThat(created.getEventTime()).isNotNull();
        assertThat(created.getReason()).isEqualTo("FailedScheduling");
        assertThat(created.getAction()).isEqualTo("Scheduling");
        assertThat(created.getNote()).isEqualTo(UNSCHEDULABLE);
        assertThat(created.getReportingController()).isEqualTo("default-scheduler");
        assertThat(created.getReportingInstance()).isEqualTo("default-scheduler-k8s-master01");
        assertThat(created.getRegarding().getUid()).isEqualTo(pod.getMetadata().getUid());

        // The second occurrence is written at once, as client-go does.
        record(scheduler.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", UNSCHEDULABLE));
        assertThat(broadcaster.flush(TIMEOUT)).isTrue();
        io.fabric8.kubernetes.api.model.events.v1.Event second = onlyEventsV1(namespace);
        assertThat(second.getMetadata().getName()).isEqualTo(created.getMetadata().getName());
        assertThat(second.getSeries().getCount()).isEqualTo(2);

        for (int i = 0; i < 3; i++) {
            record(scheduler.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", UNSCHEDULABLE));
        }
        CloseReport report = broadcaster.close(TIMEOUT);

        assertThat(report.isComplete()).as("%s", report).isTrue();
        io.fabric8.kubernetes.api.model.events.v1.Event closed = onlyEventsV1(namespace);
        assertThat(closed.getMetadata().getName()).isEqualTo(created.getMetadata().getName());
        assertThat(closed.getSeries().getCount()).isEqualTo(5);
        assertThat(micro(closed.getSeries().getLastObservedTime()))
                .isAfterOrEqualTo(micro(second.getSeries().getLastObservedTime()));
        assertThat(closed.getEventTime().getTime()).isEqualTo(created.getEventTime().getTime());

        // The same object through core/v1.
        io.fabric8.kubernetes.api.model.Event core = onlyCoreV1(namespace);
        assertThat(core.getMetadata().getName()).isEqualTo(closed.getMetadata().getName());
        assertThat(core.getMetadata().getUid()).isEqualTo(closed.getMetadata().getUid());
        assertThat(core.getMetadata().getResourceVersion()).isEqualTo(closed.getMetadata().getResourceVersion());
        assertThat(core.getSeries().getCount()).isEqualTo(5);
        assertThat(core.getSeries().getLastObservedTime().getTime())
                .isEqualTo(closed.getSeries().getLastObservedTime().getTime());
        assertThat(core.getInvolvedObject().getName()).isEqualTo("nginx-pod-failed-to-scheduler");
        assertThat(core.getInvolvedObject().getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(core.getMessage()).isEqualTo(UNSCHEDULABLE);
        assertThat(core.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(core.getReportingInstance()).isEqualTo("default-scheduler-k8s-master01");
        assertThat(core.getAction()).isEqualTo("Scheduling");
        assertThat(core.getType()).isEqualTo("Warning");
        assertThat(core.getEventTime().getTime()).isEqualTo(closed.getEventTime().getTime());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PatchFormat.class)
    void coreV1CountsArePatchedAndReadThroughBothApis(PatchFormat format) {
        KubernetesClient client = cluster.client();
        String namespace = cluster.createNamespace("counts-" + dashed(format));
        Pod pod = cluster.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
        LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create();
        broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client, format));
        LegacyEventRecorder kubelet = broadcaster.newRecorder(new EventSource("kubelet", "k8s-node01"));
        try {
            String firstTimestamp = null;
            for (int count = 1; count <= 3; count++) {
                record(kubelet.event(Kubelet.containerOf(pod), EventType.NORMAL, "Pulling",
                        "Pulling image \"nginxa:1.8\""));
                assertThat(broadcaster.flush(TIMEOUT)).isTrue();

                io.fabric8.kubernetes.api.model.Event core = onlyCoreV1(namespace);
                assertThat(core.getCount()).isEqualTo(count);
                assertThat(core.getMessage()).isEqualTo("Pulling image \"nginxa:1.8\"");
                assertThat(core.getSource().getComponent()).isEqualTo("kubelet");
                assertThat(core.getSource().getHost()).isEqualTo("k8s-node01");
                assertThat(core.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{nginx}");
                if (firstTimestamp == null) {
                    firstTimestamp = core.getFirstTimestamp();
                }
                assertThat(core.getFirstTimestamp()).isEqualTo(firstTimestamp);
                assertThat(Instant.parse(core.getLastTimestamp())).isAfterOrEqualTo(Instant.parse(firstTimestamp));

                io.fabric8.kubernetes.api.model.events.v1.Event v1 = onlyEventsV1(namespace);
                assertThat(v1.getMetadata().getName()).isEqualTo(core.getMetadata().getName());
                assertThat(v1.getMetadata().getResourceVersion()).isEqualTo(core.getMetadata().getResourceVersion());
                assertThat(v1.getDeprecatedCount()).isEqualTo(count);
                assertThat(v1.getDeprecatedFirstTimestamp()).isEqualTo(core.getFirstTimestamp());
                assertThat(v1.getDeprecatedLastTimestamp()).isEqualTo(core.getLastTimestamp());
                assertThat(v1.getDeprecatedSource().getComponent()).isEqualTo("kubelet");
                assertThat(v1.getNote()).isEqualTo(core.getMessage());
                assertThat(v1.getRegarding().getName()).isEqualTo("nginx-pod-test");
                assertThat(v1.getRegarding().getFieldPath()).isEqualTo("spec.containers{nginx}");
                assertThat(v1.getSeries()).isNull();
            }
        } finally {
            CloseReport report = broadcaster.close(TIMEOUT);
            assertThat(report.isComplete()).as("%s", report).isTrue();
        }
    }

    private static io.fabric8.kubernetes.api.model.events.v1.Event onlyEventsV1(String namespace) {
        List<io.fabric8.kubernetes.api.model.events.v1.Event> events = cluster.client().events().v1().events()
                .inNamespace(namespace).list().getItems();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static io.fabric8.kubernetes.api.model.Event onlyCoreV1(String namespace) {
        List<io.fabric8.kubernetes.api.model.Event> events = cluster.client().v1().events().inNamespace(namespace)
                .list().getItems();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String dashed(PatchFormat format) {
        return format.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Instant micro(io.fabric8.kubernetes.api.model.MicroTime time) {
        return Instant.parse(time.getTime());
    }

    private static void record(RecordOutcome outcome) {
        assertThat(outcome).isEqualTo(RecordOutcome.ACCEPTED);
    }
}
