package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get namespaces}: NAME STATUS AGE. */
final class NamespaceTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            Column.text("Status", "The status of the namespace"),
            Column.text("Age", "Time since creation."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode namespace, Instant now) {
        return List.of(Json.text(namespace, "metadata.name"), namespace.path("status").path("phase").asString(""),
                Tables.age(namespace, now));
    }
}
