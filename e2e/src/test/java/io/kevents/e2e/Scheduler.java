package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventBroadcaster;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.EventType;
import io.kevents.recorder.RecordOutcome;
import io.kevents.recorder.sink.Fabric8EventSink;
import io.kevents.recorder.sink.PatchFormat;
import java.time.Duration;

/**
 * kube-scheduler's events, written as the scheduler writes them: events.k8s.io/v1 through the kevents recorder
 * ({@link EventBroadcaster} + {@link Fabric8EventSink}), repeats folded into a series.
 */
final class Scheduler implements AutoCloseable {

    static final String NAME = "default-scheduler";

    private final EventBroadcaster broadcaster;
    private final EventRecorder recorder;

    Scheduler(KubernetesClient client) {
        broadcaster = EventBroadcaster.create();
        broadcaster.startRecordingToSink(new Fabric8EventSink(client, PatchFormat.STRATEGIC_MERGE));
        recorder = broadcaster.newRecorder(NAME, NAME + "-k8s-master01");
    }

    /** {@code FailedScheduling}, as in the seed's scheduler.go. */
    void failedScheduling(Pod pod, String message) {
        record(recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", "%s", message));
    }

    /** {@code Scheduled}: "Successfully assigned ns/name to node". */
    void scheduled(Pod pod, String node) {
        record(recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding", "Successfully assigned %s/%s to %s",
                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node));
    }

    /** Waits until everything recorded so far has been written. */
    void flush() {
        assertThat(broadcaster.flush(Duration.ofSeconds(20))).as("scheduler events flushed").isTrue();
    }

    /** Writes what is pending, including final series counts. */
    @Override
    public void close() {
        CloseReport report = broadcaster.close(Duration.ofSeconds(20));
        assertThat(report.isComplete()).as("scheduler events delivered: %s", report).isTrue();
    }

    private static void record(RecordOutcome outcome) {
        assertThat(outcome).isEqualTo(RecordOutcome.ACCEPTED);
    }
}
