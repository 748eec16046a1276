package io.kevents.apiserver.registry;

import io.fabric8.kubernetes.api.model.Event;
import io.kevents.apiserver.http.ApiException.Cause;
import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.model.EventConversion;
import io.kevents.model.EventNames;
import io.kevents.storage.Attributes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events, served as core/v1 {@code events} and events.k8s.io/v1 {@code events} from one stored object (core/v1
 * form), with Kubernetes' validation for each version, its field selectors, and a TTL refreshed by every write.
 * The stored object is indexed by its involved object's uid, name, kind and namespace, which is what
 * {@code kubectl describe} selects on.
 */
public final class EventStrategy implements ResourceStrategy {

    /** The group of the new API. */
    public static final String EVENTS_GROUP = "events.k8s.io";
    private static final int MAX_FIELD_BYTES = 128;
    private static final int MAX_NOTE_BYTES = 1024;
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Set<String> FIELD_LABELS = Set.of("metadata.name", "metadata.namespace",
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "source", "type");
    /** Immutable through events.k8s.io/v1 updates (core/v1 field names). */
    private static final List<String> IMMUTABLE_V1 = List.of("involvedObject", "reason", "message", "source",
            "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "action", "related",
            "reportingComponent", "reportingInstance");
    private static final List<String> INDEXED = List.of("involvedObject.uid", "involvedObject.name",
            "involvedObject.namespace", "involvedObject.kind");

    private final Duration ttl;

    /** @param ttl how long an event lives after its last write ({@code --event-ttl}) */
    public EventStrategy(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public ObjectNode toStored(ObjectNode given, ResourceType served) {
        if (!isEventsV1(served)) {
            return given;
        }
        var event = Json.value(given, io.fabric8.kubernetes.api.model.events.v1.Event.class);
        return Json.tree(EventConversion.toCore(event));
    }

    /**
     * The served form, with the fields Kubernetes always writes even when empty (Go's {@code omitempty} does not
     * apply to its time types, and some string fields have no {@code omitempty}): strict clients such as the
     * official Java client's models require them.
     */
    @Override
    public ObjectNode toServed(ObjectNode stored, ResourceType served) {
        if (isEventsV1(served)) {
            ObjectNode event = Json.tree(EventConversion.toEventsV1(Json.value(stored, Event.class)));
            for (String field : List.of("eventTime", "deprecatedFirstTimestamp", "deprecatedLastTimestamp")) {
                putNullIfAbsent(event, field);
            }
            return event;
        }
        // Only top-level fields are added: a shallow copy keeps the stored tree as it is without copying it all.
        ObjectNode event = Json.object();
        event.setAll(stored);
        for (String field : List.of("firstTimestamp", "lastTimestamp", "eventTime")) {
            putNullIfAbsent(event, field);
        }
        for (String field : List.of("reportingComponent", "reportingInstance")) {
            if (!event.has(field) || event.get(field).isNull()) {
                event.put(field, "");
            }
        }
        return event;
    }

    /** Time fields at their wire precision: seconds for Time, microseconds for MicroTime. */
    @Override
    public void normalize(ObjectNode event) {
        for (String field : List.of("firstTimestamp", "lastTimestamp")) {
            reformat(event, field, false);
        }
        reformat(event, "eventTime", true);
        if (event.get("series") instanceof ObjectNode series) {
            reformat(series, "lastObservedTime", true);
        }
    }

    private static void reformat(ObjectNode node, String field, boolean micro) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()
                || io.kevents.model.KubeTime.isCanonical(value.asString(), micro)) {
            return;
        }
        try {
            java.time.Instant instant = io.kevents.model.KubeTime.parse(value.asString());
            node.put(field, micro ? io.kevents.model.KubeTime.formatMicroTime(instant)
                    : io.kevents.model.KubeTime.formatTime(instant));
        } catch (java.time.format.DateTimeParseException e) {
            throw io.kevents.apiserver.http.ApiException.badRequest("invalid time in " + field + ": \""
                    + value.asString() + "\" is not RFC 3339");
        }
    }

    private static void putNullIfAbsent(ObjectNode node, String field) {
        if (!node.has(field)) {
            node.putNull(field);
        }
    }

    @Override
    public List<Cause> validate(ObjectNode event, ObjectNode old, ResourceType served) {
        List<Cause> causes = new ArrayList<>();
        String namespace = CommonFields.nullToEmpty(Json.text(event, "metadata.namespace"));
        String involvedNamespace = CommonFields.nullToEmpty(Json.text(event, "involvedObject.namespace"));
        boolean newStyle = present(event, "eventTime");
        if (!newStyle) {
            if (involvedNamespace.isEmpty() ? !(namespace.isEmpty() || namespace.equals("default"))
                    : !involvedNamespace.equals(namespace)) {
                causes.add(invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
        } else {
            if (involvedNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                causes.add(invalid("involvedObject.namespace", involvedNamespace, "does not match event.namespace"));
            }
            String controller = Json.text(event, "reportingComponent");
            if (controller == null || controller.isEmpty()) {
                causes.add(required(isEventsV1(served) ? "reportingController" : "reportingComponent"));
            } else if (!QUALIFIED_NAME.matcher(controller).matches()) {
                causes.add(invalid("reportingController", controller, "name part must consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
            }
            requireShortText(event, "reportingInstance", "reportingInstance", causes);
            requireShortText(event, "action", "action", causes);
            requireShortText(event, "reason", "reason", causes);
            String message = Json.text(event, "message");
            if (message != null && message.getBytes(StandardCharsets.UTF_8).length > MAX_NOTE_BYTES) {
                causes.add(new Cause("FieldValueTooLong", "Too long: may not be longer than 1024",
                        isEventsV1(served) ? "note" : "message"));
            }
        }
        if (isEventsV1(served)) {
            if (old == null) {
                validateStrictCreate(event, causes);
            } else {
                for (String field : IMMUTABLE_V1) {
                    if (!Objects.equals(normalised(event.get(field)), normalised(old.get(field)))) {
                        causes.add(new Cause("FieldValueInvalid", "field is immutable", field));
                    }
                }
            }
        }
        return causes;
    }

    private void validateStrictCreate(ObjectNode event, List<Cause> causes) {
        String name = CommonFields.nullToEmpty(Json.text(event, "metadata.name"));
        if (!EventNames.isDnsSubdomain(name)) {
            causes.add(invalid("metadata.name", name, "a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
        }
        if (!present(event, "eventTime")) {
            causes.add(required("eventTime"));
        }
        String type = Json.text(event, "type");
        if (!"Normal".equals(type) && !"Warning".equals(type)) {
            causes.add(invalid("type", type == null ? "" : type, "has invalid value: " + type));
        }
        for (String deprecated : List.of("firstTimestamp", "lastTimestamp", "count", "source")) {
            if (present(event, deprecated)) {
                causes.add(new Cause("FieldValueInvalid", "needs to be unset", deprecated));
            }
        }
        JsonNode series = event.get("series");
        if (series != null && !series.isNull()) {
            if (!series.path("count").isNumber() || series.path("count").asInt() < 2) {
                causes.add(invalid("series.count", series.path("count").asString(""), "should be at least 2"));
            }
            if (series.path("lastObservedTime").isNull() || series.path("lastObservedTime").isMissingNode()) {
                causes.add(required("series.lastObservedTime"));
            }
        }
    }

    @Override
    public Map<String, String> fields(ObjectNode event) {
        Map<String, String> fields = CommonFields.metadata(event);
        for (String part : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion",
                "fieldPath")) {
            fields.put("involvedObject." + part, CommonFields.nullToEmpty(Json.text(event, "involvedObject." + part)));
        }
        fields.put("reason", CommonFields.nullToEmpty(Json.text(event, "reason")));
        String reporting = CommonFields.nullToEmpty(Json.text(event, "reportingComponent"));
        fields.put("reportingComponent", reporting);
        String source = CommonFields.nullToEmpty(Json.text(event, "source.component"));
        fields.put("source", source.isEmpty() ? reporting : source);
        fields.put("type", CommonFields.nullToEmpty(Json.text(event, "type")));
        return fields;
    }

    @Override
    public Set<String> fieldLabels() {
        return FIELD_LABELS;
    }

    @Override
    public String convertFieldLabel(String label, ResourceType served) {
        if (!isEventsV1(served)) {
            return label;
        }
        if (label.startsWith("regarding.")) {
            return "involvedObject." + label.substring("regarding.".length());
        }
        if (label.equals("reportingController")) {
            return "reportingComponent";
        }
        if (label.startsWith("involvedObject.") || label.equals("reportingComponent")) {
            return null; // events.k8s.io/v1 does not know these names
        }
        return label;
    }

    @Override
    public Attributes indexAttributes(ObjectNode event) {
        Map<String, String> values = new HashMap<>();
        for (String field : INDEXED) {
            values.put(field, CommonFields.nullToEmpty(Json.text(event, field)));
        }
        return new Attributes(values);
    }

    @Override
    public Map<String, String> indexHint(FieldSelector selector) {
        Map<String, String> hint = new HashMap<>();
        for (String field : INDEXED) {
            String value = selector.requiredValue(field);
            if (value != null) {
                hint.put(field, value);
            }
        }
        return hint;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public boolean allowCreateOnUpdate() {
        return true;
    }

    @Override
    public boolean returnsDeletedObject() {
        return false;
    }

    @Override
    public boolean requiresDnsSubdomainName(ResourceType served) {
        return false; // core/v1 accepts any path-safe name; events.k8s.io/v1 checks it in validate()
    }

    private static boolean isEventsV1(ResourceType served) {
        return EVENTS_GROUP.equals(served.group());
    }

    private static boolean present(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull() && !(value.isString() && value.asString().isEmpty());
    }

    private static JsonNode normalised(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static void requireShortText(ObjectNode event, String field, String label, List<Cause> causes) {
        String value = Json.text(event, field);
        if (value == null || value.isEmpty()) {
            causes.add(required(label));
        } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD_BYTES) {
            causes.add(new Cause("FieldValueTooLong", "Too long: may not be longer than 128", label));
        }
    }

    private static Cause required(String field) {
        return new Cause("FieldValueRequired", "Required value", field);
    }

    private static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }
}
