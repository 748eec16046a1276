package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.EventType;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.RecordOutcome;
import io.kevents.recorder.sink.Fabric8LegacyEventSink;
import io.kevents.recorder.sink.PatchFormat;
import java.time.Duration;

/**
 * A kubelet's events, written as the kubelet writes them: core/v1 through the kevents legacy recorder
 * ({@link LegacyEventBroadcaster} + {@link Fabric8LegacyEventSink}), repeats counted by the correlator and sent as
 * strategic merge patches, about the pod's container ({@code spec.containers{nginx}}).
 */
final class Kubelet implements AutoCloseable {

    private final LegacyEventBroadcaster broadcaster;
    private final LegacyEventRecorder recorder;

    Kubelet(KubernetesClient client, String node) {
        broadcaster = LegacyEventBroadcaster.create();
        broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client, PatchFormat.STRATEGIC_MERGE));
        recorder = broadcaster.newRecorder(new EventSource("kubelet", node));
    }

    void pulling(Pod pod, String image) {
        normal(pod, "Pulling", "Pulling image \"" + image + "\"");
    }

    void pulled(Pod pod, String image) {
        normal(pod, "Pulled", "Container image \"" + image + "\" already present on machine");
    }

    void created(Pod pod) {
        normal(pod, "Created", "Created container " + container(pod));
    }

    void started(Pod pod) {
        normal(pod, "Started", "Started container " + container(pod));
    }

    /** The seed's pull failure of an image that does not exist. */
    void failedToPull(Pod pod, String image) {
        warning(pod, "Failed", "Failed to pull image \"" + image + "\": rpc error: code = Unknown desc = failed to "
                + "pull and unpack image \"docker.io/library/" + image + "\": failed to resolve reference "
                + "\"docker.io/library/" + image + "\": pull access denied, repository does not exist or may require "
                + "authorization: server message: insufficient_scope: authorization failed");
    }

    void errImagePull(Pod pod) {
        warning(pod, "Failed", "Error: ErrImagePull");
    }

    void backOff(Pod pod, String image) {
        normal(pod, "BackOff", "Back-off pulling image \"" + image + "\"");
    }

    void imagePullBackOff(Pod pod) {
        warning(pod, "Failed", "Error: ImagePullBackOff");
    }

    void failedMount(Pod pod, String volume, String configMap) {
        record(recorder.event(pod, EventType.WARNING, "FailedMount", "MountVolume.SetUp failed for volume \""
                + volume + "\" : configmap \"" + configMap + "\" not found"));
    }

    /** Waits until everything recorded so far has been written. */
    void flush() {
        assertThat(broadcaster.flush(Duration.ofSeconds(20))).as("kubelet events flushed").isTrue();
    }

    @Override
    public void close() {
        CloseReport report = broadcaster.close(Duration.ofSeconds(20));
        assertThat(report.isComplete()).as("kubelet events delivered: %s", report).isTrue();
    }

    private void normal(Pod pod, String reason, String message) {
        record(recorder.event(containerOf(pod), EventType.NORMAL, reason, message));
    }

    private void warning(Pod pod, String reason, String message) {
        record(recorder.event(containerOf(pod), EventType.WARNING, reason, message));
    }

    private static String container(Pod pod) {
        return pod.getSpec().getContainers().get(0).getName();
    }

    /** The reference the kubelet uses: the pod, narrowed to its container by fieldPath. */
    static ObjectReference containerOf(Pod pod) {
        return new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).withResourceVersion(pod.getMetadata().getResourceVersion())
                .withFieldPath("spec.containers{" + container(pod) + "}").build();
    }

    private static void record(RecordOutcome outcome) {
        assertThat(outcome).isEqualTo(RecordOutcome.ACCEPTED);
    }
}
