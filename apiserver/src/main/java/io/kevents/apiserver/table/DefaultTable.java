package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Kinds without a printer of their own: NAME AGE. */
final class DefaultTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            Column.text("Age", "Time since creation."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        return List.of(Json.text(object, "metadata.name"), Tables.age(object, now));
    }
}
