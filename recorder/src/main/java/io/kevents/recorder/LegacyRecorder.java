package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.kevents.model.ObjectRef;
import io.kevents.recorder.broadcaster.Broadcaster;
import io.kevents.recorder.metrics.DropReason;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core/v1 recorder: validates the call, captures it and hands it to the broadcaster. Like client-go since
 * v0.28 it reports {@code source.component}/{@code source.host} also as reportingComponent/reportingInstance.
 * It can also carry an action and a related object (core/v1 has both fields), which client-go's legacy recorder
 * cannot; {@link EventBroadcasterAdapter} uses that when it falls back to core/v1.
 */
final class LegacyRecorder implements LegacyEventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyRecorder.class);

    private final Broadcaster broadcaster;
    private final Clock clock;
    private final RecorderMetrics metrics;
    private final String component;
    private final String host;

    LegacyRecorder(Broadcaster broadcaster, Clock clock, RecorderMetrics metrics, String component, String host) {
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.metrics = metrics;
        this.component = component;
        this.host = host;
    }

    @Override
    public RecordOutcome event(KubernetesResource object, String type, String reason, String message) {
        return record(object, null, Map.of(), type, reason, null, Note.literal(message));
    }

    @Override
    public RecordOutcome eventf(KubernetesResource object, String type, String reason, String messageFormat,
                                Object... args) {
        return record(object, null, Map.of(), type, reason, null, Note.of(messageFormat, args));
    }

    @Override
    public RecordOutcome annotatedEventf(KubernetesResource object, Map<String, String> annotations, String type,
                                         String reason, String messageFormat, Object... args) {
        return record(object, null, annotations, type, reason, null, Note.of(messageFormat, args));
    }

    /** Records with the events.k8s.io/v1 extras core/v1 can also hold (action, related). */
    RecordOutcome record(KubernetesResource object, KubernetesResource related, Map<String, String> annotations,
                         String type, String reason, String action, Note note) {
        ObjectRef ref = ObjectRef.resolve(object);
        String problem = ref == null ? "the involved object has no name"
                : EventValidation.checkCall(type, reason, action, false);
        if (problem != null) {
            metrics.dropped(DropReason.INVALID);
            LOG.debug("Event not recorded: {} (reason={}, object={})", problem, reason, object);
            return RecordOutcome.INVALID;
        }
        RecordedEvent event = new RecordedEvent(clock.now(), ref, ObjectRef.resolve(related), type, reason, action,
                note, component, host, component, host, annotations);
        return broadcaster.publish(event);
    }
}
