package io.kevents.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;

/**
 * The one place where an event changes API version: core/v1 {@code Event} ⇄ events.k8s.io/v1 {@code Event}.
 *
 * <p>Kubernetes stores one object and serves two views of it. The field mapping is:
 * <pre>
 *   events.k8s.io/v1            core/v1
 *   regarding                   involvedObject
 *   note                        message
 *   reportingController         reportingComponent
 *   deprecatedSource            source
 *   deprecatedFirstTimestamp    firstTimestamp
 *   deprecatedLastTimestamp     lastTimestamp
 *   deprecatedCount             count
 *   eventTime, series, action, reason, type, related, reportingInstance: same names
 * </pre>
 * Like Kubernetes, the conversion does not cross-fill: {@code source.component} is not copied into
 * {@code reportingController} or back (only field selectors and display fall back from one to the other).
 * Results share no mutable state with their input.
 */
public final class EventConversion {

    /** apiVersion of core events. */
    public static final String CORE_API_VERSION = "v1";
    /** apiVersion of events.k8s.io events. */
    public static final String EVENTS_API_VERSION = "events.k8s.io/v1";
    /** kind of both. */
    public static final String KIND = "Event";

    private EventConversion() {
    }

    /** The core/v1 view of an events.k8s.io/v1 event. */
    public static Event toCore(io.fabric8.kubernetes.api.model.events.v1.Event in) {
        Event out = new Event();
        out.setApiVersion(CORE_API_VERSION);
        out.setKind(KIND);
        out.setMetadata(copy(in.getMetadata()));
        out.setInvolvedObject(copy(in.getRegarding()));
        out.setRelated(copy(in.getRelated()));
        out.setMessage(in.getNote());
        out.setReason(in.getReason());
        out.setType(in.getType());
        out.setAction(in.getAction());
        out.setEventTime(copy(in.getEventTime()));
        out.setReportingComponent(in.getReportingController());
        out.setReportingInstance(in.getReportingInstance());
        out.setSource(copy(in.getDeprecatedSource()));
        out.setFirstTimestamp(in.getDeprecatedFirstTimestamp());
        out.setLastTimestamp(in.getDeprecatedLastTimestamp());
        out.setCount(in.getDeprecatedCount());
        if (in.getSeries() != null) {
            out.setSeries(new EventSeries(in.getSeries().getCount(), copy(in.getSeries().getLastObservedTime())));
        }
        return out;
    }

    /** The events.k8s.io/v1 view of a core/v1 event. */
    public static io.fabric8.kubernetes.api.model.events.v1.Event toEventsV1(Event in) {
        var out = new io.fabric8.kubernetes.api.model.events.v1.Event();
        out.setApiVersion(EVENTS_API_VERSION);
        out.setKind(KIND);
        out.setMetadata(copy(in.getMetadata()));
        out.setRegarding(copy(in.getInvolvedObject()));
        out.setRelated(copy(in.getRelated()));
        out.setNote(in.getMessage());
        out.setReason(in.getReason());
        out.setType(in.getType());
        out.setAction(in.getAction());
        out.setEventTime(copy(in.getEventTime()));
        out.setReportingController(in.getReportingComponent());
        out.setReportingInstance(in.getReportingInstance());
        out.setDeprecatedSource(copy(in.getSource()));
        out.setDeprecatedFirstTimestamp(in.getFirstTimestamp());
        out.setDeprecatedLastTimestamp(in.getLastTimestamp());
        out.setDeprecatedCount(in.getCount());
        if (in.getSeries() != null) {
            out.setSeries(new io.fabric8.kubernetes.api.model.events.v1.EventSeries(in.getSeries().getCount(),
                    copy(in.getSeries().getLastObservedTime())));
        }
        return out;
    }

    private static ObjectMeta copy(ObjectMeta meta) {
        return meta == null ? null : new ObjectMetaBuilder(meta).build();
    }

    private static ObjectReference copy(ObjectReference ref) {
        return ref == null ? null : new ObjectReferenceBuilder(ref).build();
    }

    private static MicroTime copy(MicroTime time) {
        return time == null ? null : new MicroTime(time.getTime());
    }

    private static EventSource copy(EventSource source) {
        return source == null ? null : new EventSource(source.getComponent(), source.getHost());
    }
}
