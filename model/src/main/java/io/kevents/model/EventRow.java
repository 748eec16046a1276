package io.kevents.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One event as {@code kubectl get events} shows it: the cells of the API server's event Table, computed by the
 * server's rules (so LAST SEEN is right for both legacy and events.k8s.io events).
 *
 * <ul>
 *   <li>FIRST SEEN: age of firstTimestamp, else of eventTime;</li>
 *   <li>LAST SEEN: age of series.lastObservedTime when there is a series, else of lastTimestamp, else FIRST
 *       SEEN;</li>
 *   <li>COUNT: series.count, else count, and 1 when neither is set;</li>
 *   <li>OBJECT: {@code <lower-case kind>/<name>};</li>
 *   <li>SOURCE: component (source, else reportingController), then {@code , host} (source host, else
 *       reportingInstance) when there is one.</li>
 * </ul>
 *
 * @param lastSeen  LAST SEEN
 * @param type      TYPE
 * @param reason    REASON
 * @param object    OBJECT
 * @param subobject SUBOBJECT (wide)
 * @param source    SOURCE (wide)
 * @param message   MESSAGE
 * @param firstSeen FIRST SEEN (wide)
 * @param count     COUNT (wide)
 * @param name      NAME (wide)
 */
public record EventRow(String lastSeen, String type, String reason, String object, String subobject,
                       String source, String message, String firstSeen, long count, String name) {

    /** Column names, in Table order. */
    public static final List<String> COLUMNS = List.of("Last Seen", "Type", "Reason", "Object", "Subobject",
            "Source", "Message", "First Seen", "Count", "Name");
    /** Which columns {@code kubectl get} shows without {@code -o wide}. */
    public static final List<Boolean> DEFAULT_VISIBLE = List.of(true, true, true, true, false, false, true, false,
            false, false);

    /** The row for {@code event} (core/v1 form) at {@code now}. */
    public static EventRow of(Event event, Instant now) {
        Instant first = KubeTime.parse(event.getFirstTimestamp());
        if (first == null && event.getEventTime() != null) {
            first = KubeTime.parse(event.getEventTime().getTime());
        }
        String firstSeen = HumanDuration.since(first, now);
        Instant last = KubeTime.parse(event.getLastTimestamp());
        String lastSeen = last == null ? firstSeen : HumanDuration.since(last, now);
        long count;
        if (event.getSeries() != null) {
            Instant observed = event.getSeries().getLastObservedTime() == null ? null
                    : KubeTime.parse(event.getSeries().getLastObservedTime().getTime());
            lastSeen = HumanDuration.since(observed, now);
            count = event.getSeries().getCount() == null ? 0 : event.getSeries().getCount();
        } else {
            count = event.getCount() == null || event.getCount() == 0 ? 1 : event.getCount();
        }
        var involved = event.getInvolvedObject();
        String kind = involved == null || involved.getKind() == null ? "" : involved.getKind().toLowerCase(Locale.ROOT);
        String object = involved == null || involved.getName() == null || involved.getName().isEmpty() ? kind
                : kind + "/" + involved.getName();
        String subobject = involved == null || involved.getFieldPath() == null ? "" : involved.getFieldPath();
        String message = event.getMessage() == null ? "" : event.getMessage().strip();
        String name = event.getMetadata() == null ? "" : event.getMetadata().getName();
        return new EventRow(lastSeen, nullToEmpty(event.getType()), nullToEmpty(event.getReason()), object, subobject,
                source(event), message, firstSeen, count, name);
    }

    /** All ten cells, in column order. */
    public List<Object> cells() {
        return List.of(lastSeen, type, reason, object, subobject, source, message, firstSeen, count, name);
    }

    private static String source(Event event) {
        EventSource src = event.getSource();
        String component = firstNonEmpty(src == null ? null : src.getComponent(), event.getReportingComponent());
        String host = firstNonEmpty(src == null ? null : src.getHost(), event.getReportingInstance());
        return host.isEmpty() ? component : component + ", " + host;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : nullToEmpty(b);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
