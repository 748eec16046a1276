package io.kevents.apiserver.table;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.model.HumanDuration;
import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code meta.k8s.io/v1} Tables: the converter of each kind, and the Table envelope with
 * PartialObjectMetadata rows (kubectl uses their metadata for {@code -A}, {@code --show-labels} and {@code -L}).
 */
public final class Tables {

    private static final Map<String, TableConverter> BY_KIND = Map.of(
            "Event", new EventTable(),
            "Pod", new PodTable(),
            "Node", new NodeTable(),
            "Namespace", new NamespaceTable(),
            "ConfigMap", new ConfigMapTable(),
            "Lease", new LeaseTable());
    private static final TableConverter DEFAULT = new DefaultTable();

    private Tables() {
    }

    /** The converter for a kind (Name and Age for kinds without one). */
    public static TableConverter forKind(String kind) {
        return BY_KIND.getOrDefault(kind, DEFAULT);
    }

    /**
     * A Table of {@code objects}.
     *
     * @param includeObject {@code Metadata} (default), {@code None} or {@code Object}
     * @param withColumns   whether to include column definitions (a watch sends them only with the first row)
     */
    public static ObjectNode table(ResourceType type, List<ObjectNode> objects, String resourceVersion,
                                   String continueToken, String includeObject, boolean withColumns, Instant now) {
        TableConverter converter = forKind(type.kind());
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = table.putObject("metadata");
        if (resourceVersion != null) {
            meta.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        if (withColumns) {
            for (Column column : converter.columns()) {
                columns.addObject().put("name", column.name()).put("type", column.type()).put("format", column.format())
                        .put("description", column.description()).put("priority", column.priority());
            }
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : converter.cells(object, now)) {
                if (cell instanceof Number number) {
                    cells.add(number.longValue());
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            switch (includeObject == null || includeObject.isEmpty() ? "Metadata" : includeObject) {
                case "None" -> { }
                case "Object" -> row.set("object", object);
                default -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", object.path("metadata").deepCopy());
                }
            }
        }
        return table;
    }

    /** The age of an object, from its creationTimestamp. */
    static String age(ObjectNode object, Instant now) {
        return HumanDuration.since(KubeTime.parse(Json.text(object, "metadata.creationTimestamp")), now);
    }

    static String orNone(JsonNode value) {
        String text = value == null || value.isNull() || value.isMissingNode() ? "" : value.asString("");
        return text.isEmpty() ? "<none>" : text;
    }
}
