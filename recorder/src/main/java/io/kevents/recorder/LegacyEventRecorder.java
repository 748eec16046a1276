package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;

/**
 * Records core/v1 events (client-go's {@code tools/record.EventRecorder}), e.g. as the kubelet does:
 * <pre>{@code
 * recorder.eventf(containerRef, EventType.NORMAL, "Pulling", "Pulling image %s", quoted(image));
 * }</pre>
 * Calls never block and never throw. Thread-safe.
 */
public interface LegacyEventRecorder {

    /** Records an event with a literal message. */
    RecordOutcome event(KubernetesResource object, String type, String reason, String message);

    /** Records an event whose message is a {@link String#format} pattern and arguments. */
    RecordOutcome eventf(KubernetesResource object, String type, String reason, String messageFormat,
                         Object... args);

    /** Like {@link #eventf}, and puts {@code annotations} on the event object. */
    RecordOutcome annotatedEventf(KubernetesResource object, Map<String, String> annotations, String type,
                                  String reason, String messageFormat, Object... args);
}
