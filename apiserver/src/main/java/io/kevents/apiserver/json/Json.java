package io.kevents.apiserver.json;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for the API server: objects are handled as Jackson trees (so unknown fields survive every read-modify-write,
 * as on a real server), written compactly on one line (some clients parse only the first line of a list).
 */
public final class Json {

    /** Thread-safe and immutable once built. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** Parses an object; {@link InvalidJsonException} when the bytes are not a JSON object. */
    public static ObjectNode parseObject(byte[] bytes) {
        return parseObject(MAPPER, bytes);
    }

    /** Parses an object with {@code mapper} (JSON or YAML); {@link InvalidJsonException} when it is not one. */
    static ObjectNode parseObject(ObjectMapper mapper, byte[] bytes) {
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidJsonException("expected an object");
        }
        return object;
    }

    /** Parses any JSON value. */
    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidJsonException(e.getOriginalMessage());
        }
    }

    /** Compact bytes. */
    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A typed value as a tree (fabric8 model objects included). */
    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A tree as a typed value. */
    public static <T> T value(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }

    /** The text at a dotted path ({@code metadata.name}), or {@code null} when absent or not text. */
    public static String text(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(part);
        }
        return current == null || current.isNull() ? null : current.isValueNode() ? current.asString() : null;
    }

    /** The object at {@code field} of {@code parent}, created if absent. */
    public static ObjectNode objectAt(ObjectNode parent, String field) {
        JsonNode existing = parent.get(field);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(field);
    }

    /** Thrown for request bodies that are not the JSON they should be. */
    public static final class InvalidJsonException extends RuntimeException {
        public InvalidJsonException(String message) {
            super(message);
        }
    }
}
