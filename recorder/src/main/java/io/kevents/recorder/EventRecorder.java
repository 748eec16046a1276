package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;

/**
 * Records events.k8s.io/v1 events (client-go's {@code tools/events.EventRecorder}), e.g. as kube-scheduler does:
 * <pre>{@code
 * recorder.eventf(pod, null, EventType.WARNING, "FailedScheduling", "Scheduling", message);
 * recorder.eventf(pod, null, EventType.NORMAL, "Scheduled", "Binding",
 *         "Successfully assigned %s/%s to %s", namespace, name, node);
 * }</pre>
 * Objects may be any fabric8 resource ({@code Pod}, {@code Node}, custom resources) or an
 * {@code ObjectReference}. Calls never block and never throw; the {@link RecordOutcome} says whether the event
 * entered the pipeline. Thread-safe.
 */
public interface EventRecorder {

    /**
     * Records an event.
     *
     * @param regarding  the object the event is about
     * @param related    a secondary object, or {@code null}
     * @param type       {@link EventType#NORMAL} or {@link EventType#WARNING}
     * @param reason     why (≤ 128 bytes), e.g. {@code FailedScheduling}
     * @param action     what was done or failed (≤ 128 bytes), e.g. {@code Scheduling}
     * @param noteFormat the human-readable text, a {@link String#format} pattern when {@code args} are given;
     *                   cut to 1024 bytes
     */
    RecordOutcome eventf(KubernetesResource regarding, KubernetesResource related, String type, String reason,
                         String action, String noteFormat, Object... args);

    /** Like {@link #eventf}, and puts {@code annotations} on the event object. */
    RecordOutcome annotatedEventf(KubernetesResource regarding, KubernetesResource related,
                                  Map<String, String> annotations, String type, String reason, String action,
                                  String noteFormat, Object... args);
}
