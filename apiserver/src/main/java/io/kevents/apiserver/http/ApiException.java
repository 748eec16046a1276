package io.kevents.apiserver.http;

import io.kevents.apiserver.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request the server answers with a Kubernetes {@code Status} (HTTP code, reason, message, details), the way
 * kube-apiserver's {@code StatusError}s do. Thrown anywhere in request handling; the HTTP layer turns it into the
 * response, so no stack trace ever reaches a client.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String kind;
    private final List<Cause> causes;

    /** One field-level problem of an Invalid error. */
    public record Cause(String reason, String message, String field) {
    }

    private ApiException(int code, String reason, String message, String name, String group, String kind,
                         List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.kind = kind;
        this.causes = List.copyOf(causes);
    }

    /** Any status, for failures computed elsewhere (a rejected patch, say). */
    public static ApiException of(int code, String reason, String message) {
        return new ApiException(code, reason, message, null, null, null, List.of());
    }

    /** 404: {@code <resource> "<name>" not found}. */
    public static ApiException notFound(String group, String resource, String name) {
        return new ApiException(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found", name,
                group, resource, List.of());
    }

    /** 404 for a path the server does not serve. */
    public static ApiException pathNotFound() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null,
                List.of());
    }

    /** 409: {@code <resource> "<name>" already exists}. */
    public static ApiException alreadyExists(String group, String resource, String name) {
        return new ApiException(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists",
                name, group, resource, List.of());
    }

    /** 409: {@code Operation cannot be fulfilled on <resource> "<name>": <why>}. */
    public static ApiException conflict(String group, String resource, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource)
                + " \"" + name + "\": " + why, name, group, resource, List.of());
    }

    /** 422: {@code <Kind> "<name>" is invalid: [field: problem, ...]}. */
    public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder message = new StringBuilder(kind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            message.append(causes.get(0).field()).append(": ").append(causes.get(0).message());
        } else {
            message.append('[');
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) {
                    message.append(", ");
                }
                message.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
            }
            message.append(']');
        }
        return new ApiException(422, "Invalid", message.toString(), name, group, kind, causes);
    }

    /** 400 BadRequest. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null, null, List.of());
    }

    /** 403 Forbidden: {@code <resource> "<name>" is forbidden: <why>}. */
    public static ApiException forbidden(String resource, String name, String why) {
        return new ApiException(403, "Forbidden", resource + " \"" + name + "\" is forbidden: " + why, name, null,
                resource, List.of());
    }

    /** 405 MethodNotAllowed. */
    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null, null, null, List.of());
    }

    /** 410 Expired (a compacted resourceVersion or continue token). */
    public static ApiException expired(String message) {
        return new ApiException(410, "Expired", message, null, null, null, List.of());
    }

    /** 415 UnsupportedMediaType: a body in a format, or of a type, the server does not read. */
    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, "UnsupportedMediaType", message, null, null, null, List.of());
    }

    /** 500 InternalError (a storage failure, say); the message must not leak internals beyond a summary. */
    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null, null, null,
                List.of());
    }

    /** 504 Timeout. */
    public static ApiException timeout(String message) {
        return new ApiException(504, "Timeout", message, null, null, null, List.of());
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** The Status object for the response body. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (name != null || kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (group != null && !group.isEmpty()) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (Cause cause : causes) {
                    list.addObject().put("reason", cause.reason()).put("message", cause.message())
                            .put("field", cause.field());
                }
            }
        }
        status.put("code", code);
        return status;
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
