package io.kevents.apiserver.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** How one kind prints as a server-side Table ({@code kubectl get}): columns, and the cells of one object. */
public interface TableConverter {

    /** The columns, wide ones included (the server always sends every column; kubectl hides priority 1). */
    List<Column> columns();

    /** The cells of {@code object} (served form), one per column, at time {@code now}. */
    List<Object> cells(ObjectNode object, Instant now);
}
