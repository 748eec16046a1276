package io.kevents.apiserver.table;

import io.fabric8.kubernetes.api.model.Event;
import io.kevents.apiserver.json.Json;
import io.kevents.model.EventConversion;
import io.kevents.model.EventRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events print the same core-style Table through both APIs (the storage and printer are shared in Kubernetes):
 * the rules are {@link EventRow}'s.
 */
final class EventTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.text("Last Seen", "Time since the most recent occurrence"),
            Column.text("Type", "Normal or Warning"),
            Column.text("Reason", "Why the event happened"),
            Column.text("Object", "The object the event is about"),
            Column.wide("Subobject", "The part of the object (fieldPath)"),
            Column.wide("Source", "Who reported it"),
            Column.text("Message", "What happened"),
            Column.wide("First Seen", "Time since the first occurrence"),
            new Column("Count", "integer", "", "How often it happened", 1),
            new Column("Name", "string", "name", "The event object's name", 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        Event event = object.path("apiVersion").asString("").startsWith("events.k8s.io/")
                ? EventConversion.toCore(Json.value(object, io.fabric8.kubernetes.api.model.events.v1.Event.class))
                : Json.value(object, Event.class);
        return new ArrayList<>(EventRow.of(event, now).cells());
    }
}
