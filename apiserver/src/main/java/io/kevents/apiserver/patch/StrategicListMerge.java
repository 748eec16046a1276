package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.Directives.DELETE;
import static io.kevents.apiserver.patch.Directives.PATCH;
import static io.kevents.apiserver.patch.Directives.REPLACE;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

/** The list half of strategic merge patch: merging by key, merging primitive sets, and lists with nothing to merge. */
final class StrategicListMerge {

    private StrategicListMerge() {
    }

    /**
     * Merges {@code patch} into {@code live} for a field with strategy merge. Both belong to the caller and may be
     * modified.
     */
    static ArrayNode merge(ArrayNode live, ArrayNode patch, FieldSchema field) throws PatchException {
        if (live.isEmpty() && patch.isEmpty()) {
            return live;
        }
        JsonNodeType elementType = elementType(live, patch);
        if (elementType != JsonNodeType.OBJECT) {
            return mergePrimitives(live, patch);
        }
        if (!field.hasMergeKey()) {
            throw PatchException.badRequest("strategic merge patch: cannot merge a list of objects of type "
                    + field.type().name() + " without a merge key");
        }
        return mergeByKey(live, patch, field);
    }

    /**
     * A list from the patch alone (the live value is absent, or the list is replaced): list-level directive
     * elements have nothing to act on and are dropped; directives inside the other elements are resolved.
     */
    static ArrayNode fresh(ArrayNode patch, FieldSchema field) throws PatchException {
        ArrayNode result = JsonNodeFactory.instance.arrayNode(patch.size());
        for (JsonNode element : patch) {
            if (element instanceof ObjectNode item) {
                JsonNode directive = item.get(PATCH);
                if (directive != null) {
                    StrategicMergePatch.directiveValue(directive, item);
                    continue;
                }
                result.add(StrategicMergePatch.mergeObject(null, item, field.type()));
            } else if (element instanceof ArrayNode nested) {
                result.add(fresh(nested, FieldSchema.UNKNOWN));
            } else {
                result.add(element);
            }
        }
        return result;
    }

    /** {@code live} without the values of {@code toDelete}; both must be lists of primitives. */
    static ArrayNode withoutValues(ArrayNode live, ArrayNode toDelete, String directive) throws PatchException {
        for (ArrayNode list : List.of(live, toDelete)) {
            for (JsonNode element : list) {
                if (element.isContainer()) {
                    throw PatchException.badRequest("strategic merge patch: " + directive
                            + " applies only to lists of primitive values");
                }
            }
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode(live.size());
        for (JsonNode element : live) {
            if (!contains(toDelete, element)) {
                result.add(element);
            }
        }
        return result;
    }

    /**
     * The one type of every element of {@code lists}; {@code null} when they are all empty.
     *
     * @throws PatchException 422 for a list of lists (which strategic merge patch cannot merge), 400 for elements of
     *                        different types
     */
    static JsonNodeType elementType(ArrayNode... lists) throws PatchException {
        JsonNodeType type = null;
        for (ArrayNode list : lists) {
            for (JsonNode element : list) {
                JsonNodeType elementType = element.getNodeType();
                if (elementType == JsonNodeType.ARRAY) {
                    throw PatchException.invalid("strategic merge patch: lists of lists cannot be merged");
                }
                if (type == null) {
                    type = elementType;
                } else if (type != elementType) {
                    throw PatchException.badRequest("strategic merge patch: the elements of a merged list are not "
                            + "all of one type: " + JsonValues.quote(list));
                }
            }
        }
        return type;
    }

    /** Set union, live values first, then ordered like the patch. */
    private static ArrayNode mergePrimitives(ArrayNode live, ArrayNode patch) {
        ArrayNode union = JsonNodeFactory.instance.arrayNode(live.size() + patch.size());
        for (ArrayNode list : List.of(live, patch)) {
            for (JsonNode element : list) {
                if (!contains(union, element)) {
                    union.add(element);
                }
            }
        }
        return ListOrder.arrange(union, patch, live, "");
    }

    private static ArrayNode mergeByKey(ArrayNode live, ArrayNode patch, FieldSchema field) throws PatchException {
        String key = field.mergeKey();
        List<JsonNode> merged = new ArrayList<>(live.size() + patch.size());
        live.forEach(merged::add);
        List<ObjectNode> items = new ArrayList<>(patch.size());
        boolean replace = false;
        for (JsonNode element : patch) {
            ObjectNode item = (ObjectNode) element;
            JsonNode directive = item.get(PATCH);
            if (directive == null) {
                items.add(item);
                continue;
            }
            switch (StrategicMergePatch.directiveValue(directive, item)) {
                case DELETE -> {
                    JsonNode id = requireMergeKey(item, key);
                    merged.removeIf(existing -> JsonValues.same(existing.get(key), id));
                }
                case REPLACE -> replace = true;
                default -> {
                    // {"$patch":"merge"}: merging is what happens anyway.
                }
            }
        }
        if (replace) {
            return fresh(arrayOf(items), field);
        }
        List<JsonNode> serverOrder = List.copyOf(merged);
        for (ObjectNode item : items) {
            JsonNode id = requireMergeKey(item, key);
            int at = indexOfKey(merged, key, id);
            if (at >= 0) {
                merged.set(at, StrategicMergePatch.mergeObject((ObjectNode) merged.get(at), item, field.type()));
            } else {
                merged.add(StrategicMergePatch.mergeObject(null, item, field.type()));
            }
        }
        return ListOrder.arrange(arrayOf(merged), items, serverOrder, key);
    }

    private static JsonNode requireMergeKey(ObjectNode item, String key) throws PatchException {
        JsonNode id = item.get(key);
        if (id == null || id.isNull()) {
            throw PatchException.badRequest("strategic merge patch: list element " + JsonValues.quote(item)
                    + " does not contain the merge key \"" + key + "\"");
        }
        return id;
    }

    private static int indexOfKey(List<JsonNode> list, String key, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            if (JsonValues.same(list.get(i).get(key), id)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (JsonValues.same(element, value)) {
                return true;
            }
        }
        return false;
    }

    private static ArrayNode arrayOf(List<? extends JsonNode> elements) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(elements.size());
        array.addAll(elements);
        return array;
    }
}
