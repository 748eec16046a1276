package io.kevents.apiserver.patch;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Comparisons and descriptions of JSON values shared by the engines. */
final class JsonValues {

    /** Longest rendering of a value quoted in a message. */
    private static final int MAX_QUOTED = 200;

    private JsonValues() {
    }

    /**
     * Whether two values are the same JSON value. Numbers compare by numeric value, because Jackson keeps
     * {@code 80}, {@code 80L} and {@code 80.0} as different node classes while JSON (and RFC 6902's {@code test})
     * treats them as one number. Either argument may be {@code null} (absent), which equals only {@code null}.
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            return sameObjects(a, b);
        }
        if (a.isArray()) {
            return sameArrays(a, b);
        }
        return a.equals(b);
    }

    private static boolean sameObjects(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> property : a.properties()) {
            if (!same(property.getValue(), b.get(property.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArrays(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<JsonNode> left = a.values().iterator();
        Iterator<JsonNode> right = b.values().iterator();
        while (left.hasNext()) {
            if (!same(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }

    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code boolean} or {@code null}. */
    static String typeName(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return "string";
    }

    /** Compact JSON of {@code value} for a message, shortened when long. */
    static String quote(JsonNode value) {
        String text = value == null ? "null" : value.toString();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
