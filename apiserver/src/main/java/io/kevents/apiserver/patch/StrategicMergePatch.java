package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.Directives.DELETE;
import static io.kevents.apiserver.patch.Directives.DELETE_FROM_PRIMITIVE_LIST;
import static io.kevents.apiserver.patch.Directives.MERGE;
import static io.kevents.apiserver.patch.Directives.PATCH;
import static io.kevents.apiserver.patch.Directives.REPLACE;
import static io.kevents.apiserver.patch.Directives.RETAIN_KEYS;
import static io.kevents.apiserver.patch.Directives.SET_ELEMENT_ORDER;

import io.kevents.apiserver.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch, applied the way kube-apiserver applies it to a stored object.
 *
 * <ul>
 *   <li>Maps merge recursively; a {@code null} value deletes the key (and is ignored where there is nothing to
 *   delete).</li>
 *   <li>Lists whose field has strategy merge are merged: lists of objects by the field's merge key (an element
 *   whose key matches a live element is merged into it, others are appended), lists of primitives as a set.
 *   All other lists are replaced.</li>
 *   <li>{@code $patch: replace} makes a map the patch's content; {@code $patch: delete} clears it;
 *   {@code $patch: merge} is the default. As a list element, {@code {"$patch":"delete", <key>: v}} removes the
 *   element with merge key {@code v} and {@code {"$patch":"replace"}} makes the list the patch's other elements.
 *   </li>
 *   <li>{@code $retainKeys: [..]} drops the live map's keys not listed; {@code $setElementOrder/<field>: [..]}
 *   orders the merged list (listed elements in that order, live-only elements kept near their live neighbours);
 *   {@code $deleteFromPrimitiveList/<field>: [..]} removes values from a merged primitive list.</li>
 * </ul>
 *
 * <p>Directives never reach the result, even where they have nothing to act on (inside an element being added).
 * Where upstream would fail with an internal error or keep a directive in the object, this class answers 400 or
 * drops the directive; where upstream rejects {@code $patch: merge}, this class accepts it as the default it is
 * documented to be.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * {@code live} patched with {@code patch}, per {@code schema}. Neither argument is modified.
     *
     * @throws PatchException 400 for a malformed patch or an unknown directive, 422 for a list of lists
     */
    public static ObjectNode apply(ObjectNode live, ObjectNode patch, TypeSchema schema) throws PatchException {
        ObjectNode merged = mergeObject(live.deepCopy(), patch.deepCopy(), schema);
        // Only an absent original can merge to "absent"; a present one is at worst cleared.
        return merged != null ? merged : Json.object();
    }

    /**
     * Merges {@code patch} into {@code original}. Both belong to the caller and are modified; the result may share
     * nodes with them.
     *
     * @param original the live map, or {@code null} when there is none (absent, or a value of another type)
     * @return the merged map, or {@code null} when the map must not exist ({@code $patch: delete} of nothing)
     */
    static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, TypeSchema schema) throws PatchException {
        JsonNode directive = patch.remove(PATCH);
        if (directive != null) {
            switch (directiveValue(directive, patch)) {
                case REPLACE:
                    return mergeObject(null, patch, schema);
                case DELETE:
                    return original == null ? null : Json.object();
                default: // MERGE: the default behaviour
                    break;
            }
        }
        ObjectNode target = original != null ? original : Json.object();
        retainKeys(target, patch);
        applyElementOrders(target, patch, schema);
        List<Map.Entry<String, JsonNode>> primitiveDeletions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                primitiveDeletions.add(entry);
            } else {
                mergeField(target, key, entry.getValue(), schema.field(key));
            }
        }
        // Deletions run after additions so that one patch can add some values and remove others deterministically.
        for (Map.Entry<String, JsonNode> deletion : primitiveDeletions) {
            deleteFromPrimitiveList(target, deletion.getKey(), deletion.getValue());
        }
        return target;
    }

    /**
     * The merge of one field's patch value with its live value ({@code null} when absent).
     *
     * @return the new value, or {@code null} when the field must be absent
     */
    static JsonNode mergeValue(JsonNode current, JsonNode patchValue, FieldSchema field) throws PatchException {
        if (patchValue instanceof ObjectNode patchObject) {
            ObjectNode base = current instanceof ObjectNode object && !field.replacesMaps() ? object : null;
            return mergeObject(base, patchObject, field.type());
        }
        if (patchValue instanceof ArrayNode patchList) {
            if (current instanceof ArrayNode liveList && field.mergesLists()) {
                return StrategicListMerge.merge(liveList, patchList, field);
            }
            return StrategicListMerge.fresh(patchList, field);
        }
        return patchValue;
    }

    /** The value of a {@code $patch} directive: replace, delete or merge; 400 for anything else. */
    static String directiveValue(JsonNode directive, JsonNode where) throws PatchException {
        String value = directive.isString() ? directive.stringValue() : null;
        if (REPLACE.equals(value) || DELETE.equals(value) || MERGE.equals(value)) {
            return value;
        }
        throw PatchException.badRequest("strategic merge patch: unknown $patch directive " + JsonValues.quote(directive)
                + " in " + JsonValues.quote(where) + " (supported: replace, delete, merge)");
    }

    private static void mergeField(ObjectNode target, String key, JsonNode patchValue, FieldSchema field)
            throws PatchException {
        if (patchValue.isNull()) {
            target.remove(key);
            return;
        }
        JsonNode merged = mergeValue(target.get(key), patchValue, field);
        if (merged == null) {
            target.remove(key);
        } else {
            target.set(key, merged);
        }
    }

    /** {@code $retainKeys}: drop the live keys not listed, after checking the patch sets no unlisted key. */
    private static void retainKeys(ObjectNode target, ObjectNode patch) throws PatchException {
        JsonNode directive = patch.remove(RETAIN_KEYS);
        if (directive == null) {
            return;
        }
        if (!(directive instanceof ArrayNode names)) {
            throw PatchException.badRequest("strategic merge patch: $retainKeys must be a list of field names, got "
                    + JsonValues.quote(directive));
        }
        Set<String> retained = new HashSet<>();
        for (JsonNode name : names) {
            if (!name.isString()) {
                throw PatchException.badRequest("strategic merge patch: $retainKeys must be a list of field names, "
                        + "got " + JsonValues.quote(directive));
            }
            retained.add(name.stringValue());
        }
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            boolean parallelList = key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            if (!entry.getValue().isNull() && !parallelList && !retained.contains(key)) {
                throw PatchException.badRequest("strategic merge patch: the patch sets field \"" + key
                        + "\" but its $retainKeys list " + JsonValues.quote(directive) + " does not keep it");
            }
        }
        target.retain(retained);
    }

    /**
     * {@code $setElementOrder/<field>}: merge the field's list now and put it in the requested order. The list is
     * then taken out of the patch so that the main merge does not merge it again.
     */
    private static void applyElementOrders(ObjectNode target, ObjectNode patch, TypeSchema schema)
            throws PatchException {
        List<String> keys = patch.propertyNames().stream().filter(key -> key.startsWith(SET_ELEMENT_ORDER)).toList();
        for (String key : keys) {
            JsonNode order = patch.remove(key);
            String fieldName = Directives.fieldOf(key, SET_ELEMENT_ORDER).orElseThrow(() -> PatchException.badRequest(
                    "strategic merge patch: invalid directive \"" + key + "\", expected $setElementOrder/<field>"));
            if (!(order instanceof ArrayNode orderList)) {
                throw PatchException.badRequest("strategic merge patch: " + key + " must be a list, got "
                        + JsonValues.quote(order));
            }
            JsonNode patched = patch.get(fieldName);
            if (patched != null && !(patched instanceof ArrayNode)) {
                throw PatchException.badRequest("strategic merge patch: " + key + " orders field \"" + fieldName
                        + "\", which the patch sets to a " + JsonValues.typeName(patched) + ", not a list");
            }
            ArrayNode patchList = (ArrayNode) patched;
            ArrayNode liveList = target.get(fieldName) instanceof ArrayNode list ? list : null;
            FieldSchema field = schema.field(fieldName);
            ListOrder.checkPatchFollowsOrder(patchList, orderList, field.mergeKey(), fieldName);
            ArrayNode merged;
            if (patchList != null) {
                // The list merges as it would without the directive, which only orders the result.
                merged = (ArrayNode) mergeValue(liveList, patchList, field);
            } else if (liveList != null) {
                merged = liveList;
            } else {
                continue;
            }
            target.set(fieldName, ListOrder.arrange(merged, orderList, liveList, field.mergeKey()));
            patch.remove(fieldName);
        }
    }

    /** {@code $deleteFromPrimitiveList/<field>}: remove the listed values from the live list. */
    private static void deleteFromPrimitiveList(ObjectNode target, String key, JsonNode values) throws PatchException {
        String fieldName = Directives.fieldOf(key, DELETE_FROM_PRIMITIVE_LIST).orElseThrow(() ->
                PatchException.badRequest("strategic merge patch: invalid directive \"" + key
                        + "\", expected $deleteFromPrimitiveList/<field>"));
        if (values.isNull()) {
            // As upstream: a null parallel list deletes the whole field.
            target.remove(fieldName);
            return;
        }
        if (!(values instanceof ArrayNode toDelete)) {
            throw PatchException.badRequest("strategic merge patch: " + key + " must be a list of values, got "
                    + JsonValues.quote(values));
        }
        if (target.get(fieldName) instanceof ArrayNode liveList) {
            target.set(fieldName, StrategicListMerge.withoutValues(liveList, toDelete, key));
        }
    }
}
