package io.kevents.apiserver.patch;

import io.kevents.apiserver.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7386): an object patch merges into the target recursively, a {@code null} member deletes
 * the target's member, and any other value (a list included) replaces the target's value whole.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /** {@code target} patched with {@code patch}; neither argument is modified and the result shares no node. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!(patch instanceof ObjectNode patchObject)) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode object ? object.deepCopy() : Json.object();
        mergeInto(result, patchObject);
        return result;
    }

    /** {@link #apply} for an object patch, whose result is always an object. */
    public static ObjectNode apply(JsonNode target, ObjectNode patch) {
        return (ObjectNode) apply(target, (JsonNode) patch);
    }

    /** Merges {@code patch} into {@code target}, which is owned by the caller (a copy) and modified. */
    private static void mergeInto(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value instanceof ObjectNode nested) {
                mergeInto(Json.objectAt(target, name), nested);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }
}
