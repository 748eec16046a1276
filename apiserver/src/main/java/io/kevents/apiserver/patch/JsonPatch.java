package io.kevents.apiserver.patch;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A JSON Patch document (RFC 6902): operations applied in order, all or nothing.
 *
 * <p>Written here rather than taken from {@code io.fabric8:zjsonpatch} (which does work on Jackson 3 trees)
 * because that artifact is not a dependency of this module, and because the server must tell a malformed patch
 * (400) from one that does not fit the object (422), as kube-apiserver does.
 *
 * @param operations the operations, in order
 */
public record JsonPatch(List<JsonPatchOperation> operations) {

    /** The most operations one patch may carry, as in kube-apiserver; more is answered with 413. */
    public static final int MAX_OPERATIONS = 10_000;

    public JsonPatch {
        operations = List.copyOf(operations);
    }

    /**
     * Reads a patch document.
     *
     * @throws PatchException 400 when it is not an array of well-formed operations, 413 when it has more than
     *                        {@link #MAX_OPERATIONS}
     */
    public static JsonPatch parse(JsonNode document) throws PatchException {
        if (!(document instanceof ArrayNode array)) {
            throw PatchException.badRequest("a json patch must be a JSON array of operations, got a "
                    + JsonValues.typeName(document));
        }
        if (array.size() > MAX_OPERATIONS) {
            throw new PatchException(PatchFailure.requestEntityTooLarge("a json patch may have at most "
                    + MAX_OPERATIONS + " operations, this one has " + array.size()));
        }
        List<JsonPatchOperation> operations = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            operations.add(operation(array.get(i), i));
        }
        return new JsonPatch(operations);
    }

    /**
     * {@code document} with every operation applied; {@code document} itself is not modified.
     *
     * @throws PatchException 422 when an operation does not apply or a {@code test} fails
     */
    public JsonNode apply(JsonNode document) throws PatchException {
        JsonNode result = document.deepCopy();
        for (JsonPatchOperation operation : operations) {
            result = operation.applyTo(result);
        }
        return result;
    }

    private static JsonPatchOperation operation(JsonNode node, int index) throws PatchException {
        if (!node.isObject()) {
            throw malformed(index, "it is a " + JsonValues.typeName(node) + ", not an object");
        }
        String op = text(node, "op", index);
        JsonPointer path = JsonPointer.parse(text(node, "path", index));
        return switch (op) {
            case "add" -> new JsonPatchOperation.Add(path, value(node, index));
            case "remove" -> new JsonPatchOperation.Remove(path);
            case "replace" -> new JsonPatchOperation.Replace(path, value(node, index));
            case "move" -> new JsonPatchOperation.Move(JsonPointer.parse(text(node, "from", index)), path);
            case "copy" -> new JsonPatchOperation.Copy(JsonPointer.parse(text(node, "from", index)), path);
            case "test" -> new JsonPatchOperation.Test(path, value(node, index));
            default -> throw malformed(index, "unknown op \"" + op + "\"");
        };
    }

    private static String text(JsonNode node, String member, int index) throws PatchException {
        JsonNode value = node.get(member);
        if (value == null || !value.isString()) {
            throw malformed(index, "\"" + member + "\" must be a string");
        }
        return value.stringValue();
    }

    /** An operation's {@code value}: required, and {@code null} is a value. */
    private static JsonNode value(JsonNode node, int index) throws PatchException {
        JsonNode value = node.get("value");
        if (value == null) {
            throw malformed(index, "it has no \"value\"");
        }
        return value;
    }

    private static PatchException malformed(int index, String why) {
        return PatchException.badRequest("invalid json patch operation " + index + ": " + why);
    }
}
