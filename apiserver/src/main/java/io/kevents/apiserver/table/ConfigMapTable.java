package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get configmaps}: NAME DATA AGE. */
final class ConfigMapTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            new Column("Data", "integer", "", "Number of keys.", 0),
            Column.text("Age", "Time since creation."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode configMap, Instant now) {
        int keys = configMap.path("data").size() + configMap.path("binaryData").size();
        return List.of(Json.text(configMap, "metadata.name"), keys, Tables.age(configMap, now));
    }
}
