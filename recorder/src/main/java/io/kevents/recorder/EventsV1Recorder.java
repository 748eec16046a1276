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
 * The events.k8s.io/v1 recorder: validates the call, captures it as an immutable {@link RecordedEvent} and hands
 * it to the broadcaster. Everything else (naming, series, formatting the note, I/O) happens off the caller's
 * thread.
 */
final class EventsV1Recorder implements EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventsV1Recorder.class);

    private final Broadcaster broadcaster;
    private final Clock clock;
    private final RecorderMetrics metrics;
    private final String reportingController;
    private final String reportingInstance;

    EventsV1Recorder(Broadcaster broadcaster, Clock clock, RecorderMetrics metrics, String reportingController,
                     String reportingInstance) {
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.metrics = metrics;
        this.reportingController = EventValidation.requireQualifiedName(reportingController);
        this.reportingInstance = ReportingInstance.fit(reportingInstance);
    }

    @Override
    public RecordOutcome eventf(KubernetesResource regarding, KubernetesResource related, String type, String reason,
                                String action, String noteFormat, Object... args) {
        return record(regarding, related, Map.of(), type, reason, action, noteFormat, args);
    }

    @Override
    public RecordOutcome annotatedEventf(KubernetesResource regarding, KubernetesResource related,
                                         Map<String, String> annotations, String type, String reason,
                                         String action, String noteFormat, Object... args) {
        return record(regarding, related, annotations, type, reason, action, noteFormat, args);
    }

    private RecordOutcome record(KubernetesResource regarding, KubernetesResource related,
                                 Map<String, String> annotations, String type, String reason, String action,
                                 String noteFormat, Object[] args) {
        ObjectRef regardingRef = ObjectRef.resolve(regarding);
        String problem = regardingRef == null ? "the regarding object has no name"
                : EventValidation.checkCall(type, reason, action, true);
        if (problem != null) {
            metrics.dropped(DropReason.INVALID);
            LOG.debug("Event not recorded: {} (reason={}, object={})", problem, reason, regarding);
            return RecordOutcome.INVALID;
        }
        RecordedEvent event = new RecordedEvent(clock.now(), regardingRef, ObjectRef.resolve(related), type, reason,
                action, Note.of(noteFormat, args), reportingController, reportingInstance, null, null, annotations);
        return broadcaster.publish(event);
    }
}
