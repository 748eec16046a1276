package io.kevents.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON for tests: single quotes allowed in sources, so examples read like the JSON they stand for. */
final class TestJson {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();
    private static final JsonMapper STRICT = JsonMapper.builder().build();

    private TestJson() {
    }

    /** Any JSON value, single quotes allowed. */
    static JsonNode json(String text) {
        return LENIENT.readTree(text);
    }

    /** A JSON object, single quotes allowed. */
    static ObjectNode obj(String text) {
        return (ObjectNode) json(text);
    }

    /** Strict JSON bytes of a value written with single quotes, as a client would send them. */
    static byte[] body(String text) {
        return STRICT.writeValueAsBytes(json(text));
    }

    /** Raw bytes, for bodies that must not be normalised (malformed ones). */
    static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code name} of each element of a list, in order. */
    static List<String> names(JsonNode list) {
        return keys(list, "name");
    }

    /** The value of {@code key} in each element of a list, in order. */
    static List<String> keys(JsonNode list, String key) {
        return list.valueStream().map(element -> element.get(key).stringValue()).toList();
    }

    /** Asserts that no object key anywhere in {@code node} is a strategic-merge-patch directive. */
    static void assertNoDirectives(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                assertThat(member.getKey()).as("directive key left in %s", node)
                        .doesNotStartWith("$patch").doesNotStartWith("$retainKeys")
                        .doesNotStartWith("$setElementOrder").doesNotStartWith("$deleteFromPrimitiveList");
                assertNoDirectives(member.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(TestJson::assertNoDirectives);
        }
    }
}
