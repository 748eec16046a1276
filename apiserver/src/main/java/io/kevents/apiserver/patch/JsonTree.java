package io.kevents.apiserver.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reading and editing a document at a {@link JsonPointer}, with RFC 6902's rules for arrays: an index is a decimal
 * without leading zeros, and {@code -} means "after the last element" (only when adding). Failures are 422: the
 * patch is well formed but does not fit this document.
 */
final class JsonTree {

    private JsonTree() {
    }

    /** The value at {@code pointer}, or {@code null} when there is none. */
    static JsonNode find(JsonNode document, JsonPointer pointer) {
        JsonNode current = document;
        for (String token : pointer.tokens()) {
            if (current instanceof ObjectNode object) {
                current = object.get(token);
            } else if (current instanceof ArrayNode array) {
                int index = index(token, array.size() - 1);
                current = index < 0 ? null : array.get(index);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /**
     * Adds {@code value} at {@code pointer}: sets an object member (replacing any), or inserts into an array.
     *
     * @return the document, which is {@code value} itself when the pointer is the root
     */
    static JsonNode add(JsonNode document, JsonPointer pointer, JsonNode value, String op) throws PatchException {
        if (pointer.isRoot()) {
            return value;
        }
        JsonNode parent = container(document, pointer, op);
        if (parent instanceof ObjectNode object) {
            object.set(pointer.last(), value);
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = "-".equals(pointer.last()) ? array.size() : index(pointer.last(), array.size());
            if (index < 0) {
                throw outOfBounds(op, pointer);
            }
            array.insert(index, value);
        }
        return document;
    }

    /** Removes the value at {@code pointer} and returns it. The root cannot be removed. */
    static JsonNode remove(JsonNode document, JsonPointer pointer, String op) throws PatchException {
        if (pointer.isRoot()) {
            throw PatchException.invalid("json patch " + op + " operation cannot remove the whole document");
        }
        JsonNode parent = container(document, pointer, op);
        if (parent instanceof ObjectNode object) {
            JsonNode removed = object.remove(pointer.last());
            if (removed == null) {
                throw missing(op, pointer);
            }
            return removed;
        }
        ArrayNode array = (ArrayNode) parent;
        int index = index(pointer.last(), array.size() - 1);
        if (index < 0) {
            throw outOfBounds(op, pointer);
        }
        return array.remove(index);
    }

    /**
     * Replaces the existing value at {@code pointer}.
     *
     * @return the document, which is {@code value} itself when the pointer is the root
     */
    static JsonNode replace(JsonNode document, JsonPointer pointer, JsonNode value, String op) throws PatchException {
        if (pointer.isRoot()) {
            return value;
        }
        JsonNode parent = container(document, pointer, op);
        if (parent instanceof ObjectNode object) {
            if (!object.has(pointer.last())) {
                throw missing(op, pointer);
            }
            object.set(pointer.last(), value);
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = index(pointer.last(), array.size() - 1);
            if (index < 0) {
                throw outOfBounds(op, pointer);
            }
            array.set(index, value);
        }
        return document;
    }

    /** The existing value at {@code pointer}; 422 when there is none. */
    static JsonNode existing(JsonNode document, JsonPointer pointer, String op) throws PatchException {
        JsonNode value = find(document, pointer);
        if (value == null) {
            throw missing(op, pointer);
        }
        return value;
    }

    private static JsonNode container(JsonNode document, JsonPointer pointer, String op) throws PatchException {
        JsonNode parent = find(document, pointer.parent());
        if (parent == null || !parent.isContainer()) {
            throw PatchException.invalid("json patch " + op + " operation does not apply: \"" + pointer.parent()
                    + "\" is not an object or array in the document (path \"" + pointer + "\")");
        }
        return parent;
    }

    /**
     * The array index {@code token} denotes, or -1 unless it is a canonical decimal between 0 and {@code max}.
     */
    private static int index(String token, int max) {
        if (token.isEmpty() || token.length() > 10 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        long index = Long.parseLong(token);
        return index <= max ? (int) index : -1;
    }

    private static PatchException missing(String op, JsonPointer pointer) {
        return PatchException.invalid("json patch " + op + " operation does not apply: the document has no value at \""
                + pointer + "\"");
    }

    private static PatchException outOfBounds(String op, JsonPointer pointer) {
        return PatchException.invalid("json patch " + op + " operation does not apply: \"" + pointer.last()
                + "\" is not a valid index of the array at \"" + pointer.parent() + "\"");
    }
}
