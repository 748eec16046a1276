package io.kevents.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

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

    /**
     * A deep copy of a core/v1 event. Field by field: fabric8's builders walk every nested object through their
     * visitor machinery, several times slower, and sinks copy every event they keep.
     */
    public static Event copyOf(Event in) {
        Event out = new Event();
        out.setApiVersion(in.getApiVersion());
        out.setKind(in.getKind());
        out.setMetadata(copy(in.getMetadata()));
        out.setInvolvedObject(copy(in.getInvolvedObject()));
        out.setRelated(copy(in.getRelated()));
        out.setMessage(in.getMessage());
        out.setReason(in.getReason());
        out.setType(in.getType());
        out.setAction(in.getAction());
        out.setEventTime(copy(in.getEventTime()));
        out.setReportingComponent(in.getReportingComponent());
        out.setReportingInstance(in.getReportingInstance());
        out.setSource(copy(in.getSource()));
        out.setFirstTimestamp(in.getFirstTimestamp());
        out.setLastTimestamp(in.getLastTimestamp());
        out.setCount(in.getCount());
        if (in.getSeries() != null) {
            out.setSeries(new EventSeries(in.getSeries().getCount(), copy(in.getSeries().getLastObservedTime())));
        }
        copyAdditionalProperties(in.getAdditionalProperties(), out::setAdditionalProperty);
        return out;
    }

    private static ObjectMeta copy(ObjectMeta in) {
        if (in == null) {
            return null;
        }
        ObjectMeta out = new ObjectMeta();
        out.setName(in.getName());
        out.setNamespace(in.getNamespace());
        out.setGenerateName(in.getGenerateName());
        out.setUid(in.getUid());
        out.setResourceVersion(in.getResourceVersion());
        out.setGeneration(in.getGeneration());
        out.setCreationTimestamp(in.getCreationTimestamp());
        out.setDeletionTimestamp(in.getDeletionTimestamp());
        out.setDeletionGracePeriodSeconds(in.getDeletionGracePeriodSeconds());
        out.setSelfLink(in.getSelfLink());
        out.setLabels(in.getLabels() == null ? null : new LinkedHashMap<>(in.getLabels()));
        out.setAnnotations(in.getAnnotations() == null ? null : new LinkedHashMap<>(in.getAnnotations()));
        out.setFinalizers(in.getFinalizers() == null ? null : new ArrayList<>(in.getFinalizers()));
        // Rare on events, and nested several levels deep: the builder's deep copy is fine here.
        out.setOwnerReferences(copyEach(in.getOwnerReferences(), owner -> new OwnerReferenceBuilder(owner).build()));
        out.setManagedFields(copyEach(in.getManagedFields(), entry -> new ManagedFieldsEntryBuilder(entry).build()));
        copyAdditionalProperties(in.getAdditionalProperties(), out::setAdditionalProperty);
        return out;
    }

    private static ObjectReference copy(ObjectReference in) {
        if (in == null) {
            return null;
        }
        ObjectReference out = new ObjectReference(in.getApiVersion(), in.getFieldPath(), in.getKind(), in.getName(),
                in.getNamespace(), in.getResourceVersion(), in.getUid());
        copyAdditionalProperties(in.getAdditionalProperties(), out::setAdditionalProperty);
        return out;
    }

    private static <T> List<T> copyEach(List<T> items, UnaryOperator<T> copy) {
        if (items == null) {
            return null;
        }
        List<T> result = new ArrayList<>(items.size());
        for (T item : items) {
            result.add(copy.apply(item));
        }
        return result;
    }

    private static void copyAdditionalProperties(Map<String, Object> from, BiConsumer<String, Object> to) {
        if (from != null) {
            from.forEach(to);
        }
    }

    private static MicroTime copy(MicroTime time) {
        return time == null ? null : new MicroTime(time.getTime());
    }

    private static EventSource copy(EventSource source) {
        return source == null ? null : new EventSource(source.getComponent(), source.getHost());
    }
}
