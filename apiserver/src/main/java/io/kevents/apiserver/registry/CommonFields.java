package io.kevents.apiserver.registry;

import io.kevents.apiserver.json.Json;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Field-selector helpers shared by the strategies. */
final class CommonFields {

    private CommonFields() {
    }

    /** {@code metadata.name} and {@code metadata.namespace}, which every kind supports. */
    static Map<String, String> metadata(ObjectNode object) {
        Map<String, String> fields = new HashMap<>();
        fields.put("metadata.name", nullToEmpty(Json.text(object, "metadata.name")));
        fields.put("metadata.namespace", nullToEmpty(Json.text(object, "metadata.namespace")));
        return fields;
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
