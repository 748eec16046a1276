package io.kevents.apiserver.http;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.json.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * What to answer.
 *
 * @param status      HTTP status
 * @param contentType Content-Type
 * @param body        bytes
 */
public record Response(int status, String contentType, byte[] body) {

    /** A JSON answer. */
    public static Response json(int status, JsonNode body) {
        return new Response(status, "application/json", Json.bytes(body));
    }

    /** This answer in YAML, when it is JSON (the rest, such as protobuf discovery documents, stays as it is). */
    public Response inYaml() {
        return contentType.equals("application/json")
                ? new Response(status, Yaml.MEDIA_TYPE, Yaml.bytes(Json.parse(body))) : this;
    }

    /** The Status answer of an error. */
    public static Response error(ApiException error) {
        return json(error.code(), error.toStatus());
    }
}
