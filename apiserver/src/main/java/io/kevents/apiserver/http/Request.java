package io.kevents.apiserver.http;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.json.Yaml;
import io.kevents.apiserver.protobuf.ProtobufBody;
import io.kevents.apiserver.protobuf.ProtobufBodyException;
import io.kevents.apiserver.registry.ListRequest;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;
import io.kevents.apiserver.selection.SelectorException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of an HTTP request the API needs, independent of the HTTP library: method, path, query, the headers
 * that matter, and the body.
 *
 * @param method      e.g. {@code GET}
 * @param path        the path without the query
 * @param query       query parameters (first value of each)
 * @param accept      the Accept header, or ""
 * @param contentType the Content-Type header, or ""
 * @param body        the body (empty for none)
 */
public record Request(String method, String path, Map<String, String> query, String accept, String contentType,
                      byte[] body) {

    /**
     * The body as an object, read by its Content-Type: JSON (also when none is given), YAML, or Kubernetes protobuf,
     * which kubectl 1.32 sends for {@code create namespace} and {@code create configmap}. Anything else is a 415.
     */
    public ObjectNode bodyObject() {
        String mediaType = contentType.split(";", 2)[0].trim();
        if (mediaType.equals(ProtobufBody.MEDIA_TYPE)) {
            try {
                return ProtobufBody.decode(body);
            } catch (ProtobufBodyException e) {
                throw e.unsupportedType() ? ApiException.unsupportedMediaType(e.getMessage())
                        : ApiException.badRequest("the request body is not valid protobuf: " + e.getMessage());
            }
        }
        if (mediaType.equals(Yaml.MEDIA_TYPE)) {
            try {
                return Yaml.parseObject(body);
            } catch (Json.InvalidJsonException e) {
                throw ApiException.badRequest("the request body is not valid YAML: " + e.getMessage());
            }
        }
        if (!mediaType.isEmpty() && !mediaType.equals("application/json") && !mediaType.equals("*/*")) {
            throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted "
                    + "media types include: application/json, " + Yaml.MEDIA_TYPE + ", " + ProtobufBody.MEDIA_TYPE
                    + " (got " + contentType + ")");
        }
        return Json.parseObject(body);
    }

    /**
     * Whether the answer should be YAML: {@code application/yaml} comes before any JSON media type (or wildcard) in
     * the Accept header. The order is the client's preference, as kubectl and client-go write it.
     */
    public boolean wantsYaml() {
        for (String entry : accept.split(",")) {
            String mediaType = entry.split(";", 2)[0].trim();
            if (mediaType.equals(Yaml.MEDIA_TYPE)) {
                return true;
            }
            if (mediaType.equals("application/json") || mediaType.equals("*/*") || mediaType.equals("application/*")) {
                return false;
            }
        }
        return false;
    }

    /** A query parameter, or {@code null}. */
    public String param(String name) {
        return query.get(name);
    }

    /** A boolean query parameter, parsed leniently like Go's strconv.ParseBool (Python sends "True"). */
    public boolean flag(String name) {
        String value = query.get(name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False", "" -> false;
            default -> throw ApiException.badRequest("invalid boolean value for " + name + ": " + value);
        };
    }

    /** Whether this is a dry run ({@code dryRun=All}). */
    public boolean dryRun() {
        String value = query.get("dryRun");
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!value.equals("All")) {
            throw ApiException.badRequest("dryRun: Unsupported value: \"" + value + "\": supported values: \"All\"");
        }
        return true;
    }

    /** Whether the client asked for a server-side Table ({@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}). */
    public boolean wantsTable() {
        for (String mediaType : List.of(accept.split(","))) {
            if (mediaType.contains("as=Table") && mediaType.contains("g=meta.k8s.io")) {
                return true;
            }
        }
        return false;
    }

    /** The list/watch selection and paging parameters. */
    public ListRequest listRequest() {
        int limit = 0;
        String rawLimit = query.get("limit");
        if (rawLimit != null && !rawLimit.isEmpty()) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid limit: " + rawLimit);
            }
            if (limit < 0) {
                throw ApiException.badRequest("limit must not be negative");
            }
        }
        try {
            return new ListRequest(LabelSelector.parse(query.get("labelSelector")),
                    FieldSelector.parse(query.get("fieldSelector")), limit, query.get("continue"),
                    query.get("resourceVersion"), query.get("resourceVersionMatch"));
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
