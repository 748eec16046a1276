package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kevents.model.KubeTime;
import io.kevents.model.ObjectRef;
import java.time.Instant;
import java.util.Map;

/**
 * One call of a recorder, as it travels through the broadcaster to every watcher: immutable, shared by all
 * watchers, and cheap to make (the text is formatted lazily, see {@link Note}).
 *
 * <p>It carries the fields of both event APIs; events.k8s.io/v1 recorders fill {@code action},
 * {@code reportingController} and {@code reportingInstance}, core/v1 recorders fill {@code sourceComponent} and
 * {@code sourceHost} (and the reporting fields from them, as client-go does since v0.28).
 *
 * @param time                when it was recorded (the injected clock)
 * @param regarding           the object the event is about
 * @param related             a secondary object, or {@code null}
 * @param type                {@link EventType#NORMAL} or {@link EventType#WARNING}
 * @param reason              short, machine-readable, e.g. {@code FailedScheduling}
 * @param action              what was done or failed, e.g. {@code Scheduling}; {@code null} for core/v1 recorders
 * @param note                the human-readable text
 * @param reportingController e.g. {@code default-scheduler}, {@code kubelet}
 * @param reportingInstance   e.g. {@code default-scheduler-host1}
 * @param sourceComponent     core/v1 {@code source.component}, or {@code null}
 * @param sourceHost          core/v1 {@code source.host}, or {@code null}
 * @param annotations         annotations for the event object (never {@code null})
 */
public record RecordedEvent(Instant time, ObjectRef regarding, ObjectRef related, String type, String reason,
                            String action, Note note, String reportingController, String reportingInstance,
                            String sourceComponent, String sourceHost, Map<String, String> annotations) {

    public RecordedEvent {
        annotations = annotations == null || annotations.isEmpty() ? Map.of() : Map.copyOf(annotations);
    }

    /** Where the event object lives, by client-go's rule: the object's namespace, or {@code default}. */
    public static final String CLUSTER_SCOPED_EVENT_NAMESPACE = "default";

    /** The namespace the event object is written to. */
    public String namespace() {
        return regarding.isNamespaced() ? regarding.namespace() : CLUSTER_SCOPED_EVENT_NAMESPACE;
    }

    /** The formatted, normalised text. */
    public String noteText() {
        return note.text();
    }

    /**
     * This occurrence as a new events.k8s.io/v1 object (no series), as client-go's {@code makeEvent} builds it.
     *
     * @param name the object name (see {@link io.kevents.model.EventNames})
     */
    public io.fabric8.kubernetes.api.model.events.v1.Event toEventsV1(String name) {
        var event = new io.fabric8.kubernetes.api.model.events.v1.Event();
        event.setMetadata(metadata(name));
        event.setEventTime(new MicroTime(KubeTime.formatMicroTime(time)));
        event.setReportingController(reportingController);
        event.setReportingInstance(reportingInstance);
        event.setAction(action);
        event.setReason(reason);
        event.setRegarding(regarding.toObjectReference());
        event.setRelated(related == null ? null : related.toObjectReference());
        event.setNote(noteText());
        event.setType(type);
        return event;
    }

    /**
     * This occurrence as a core/v1 object, as client-go's legacy {@code makeEvent} builds it: count 1,
     * first and last timestamp = the time recorded, no eventTime.
     *
     * @param name the object name
     */
    public Event toCoreV1(String name) {
        Event event = new Event();
        event.setMetadata(metadata(name));
        event.setInvolvedObject(regarding.toObjectReference());
        event.setRelated(related == null ? null : related.toObjectReference());
        event.setReason(reason);
        event.setMessage(noteText());
        event.setType(type);
        event.setAction(action);
        String stamp = KubeTime.formatTime(time);
        event.setFirstTimestamp(stamp);
        event.setLastTimestamp(stamp);
        event.setCount(1);
        if (sourceComponent != null || sourceHost != null) {
            event.setSource(new EventSource(sourceComponent, sourceHost));
        }
        event.setReportingComponent(reportingController == null ? "" : reportingController);
        event.setReportingInstance(reportingInstance == null ? "" : reportingInstance);
        return event;
    }

    private ObjectMeta metadata(String name) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace());
        if (!annotations.isEmpty()) {
            meta.setAnnotations(new java.util.LinkedHashMap<>(annotations));
        }
        return meta;
    }
}
