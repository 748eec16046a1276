package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code kubectl get leases}: NAME HOLDER AGE. */
final class LeaseTable implements TableConverter {

    private static final List<Column> COLUMNS = List.of(
            Column.name("Name must be unique within a namespace."),
            Column.text("Holder", "The holder of the lease."),
            Column.text("Age", "Time since creation."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode lease, Instant now) {
        return List.of(Json.text(lease, "metadata.name"), lease.path("spec").path("holderIdentity").asString(""),
                Tables.age(lease, now));
    }
}
