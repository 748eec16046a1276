package io.kevents.apiserver.json;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * YAML, which Kubernetes accepts for request bodies ({@code Content-Type: application/yaml}) and answers in when
 * asked ({@code Accept: application/yaml}); the objects are the same trees as {@link Json}'s.
 */
public final class Yaml {

    /** The media type. */
    public static final String MEDIA_TYPE = "application/yaml";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // No "---" header, as kube-apiserver writes. Every string is quoted: unquoted, "0", "true" or a timestamp
            // would read back as a number, a boolean or a date.
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private Yaml() {
    }

    /** Parses one YAML document holding an object; {@link Json.InvalidJsonException} when it is not one. */
    public static ObjectNode parseObject(byte[] bytes) {
        return Json.parseObject(MAPPER, bytes);
    }

    /** The tree as a YAML document. */
    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }
}
