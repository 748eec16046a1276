package io.kevents.apiserver.patch;

import io.kevents.apiserver.json.Json;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one entry point the API server calls for PATCH: picks the engine for the patch type, applies the body to a
 * copy of the live object and returns the patched object or the failure to answer with. Thread-safe and immutable.
 *
 * <p>Failures: a body that does not parse, has the wrong shape or uses an unknown directive is 400 BadRequest; a
 * JSON Patch that does not fit the object (failed {@code test}, missing path) or a strategic merge patch of a list
 * of lists is 422 Invalid; more than {@link JsonPatch#MAX_OPERATIONS} operations is 413; an unknown Content-Type is
 * 415 UnsupportedMediaType. The result is never checked against the object's schema, its name or its kind: that
 * validation is the caller's, as for an update.
 */
public final class Patcher {

    private final PatchSchema schema;
    private final PatchBodyReader bodies;

    /** A patcher for the built-in Kubernetes kinds, reading bodies with the server's mapper ({@link Json#MAPPER}). */
    public Patcher() {
        this(PatchSchema.kubernetes(), Json.MAPPER);
    }

    /**
     * A patcher with {@code schema}, reading every body with {@code mapper}. Server-side apply bodies
     * ({@code application/apply-patch+yaml}) included: clients (kubectl, client-go) send them as JSON.
     */
    public Patcher(PatchSchema schema, ObjectMapper mapper) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.bodies = new PatchBodyReader(mapper);
    }

    /**
     * Applies a patch sent with {@code contentType}; a media type that is no {@link PatchType} gives 415.
     *
     * @see #apply(PatchType, String, String, ObjectNode, byte[])
     */
    public PatchOutcome apply(String contentType, String kind, ObjectNode live, byte[] body) {
        return PatchType.fromContentType(contentType)
                .map(type -> apply(type, kind, live, body))
                .orElseGet(() -> new PatchOutcome.Rejected(unsupportedMediaType(contentType)));
    }

    /**
     * Applies a patch to an object of {@code kind} whose API group is read from the live object's
     * {@code apiVersion}.
     *
     * @see #apply(PatchType, String, String, ObjectNode, byte[])
     */
    public PatchOutcome apply(PatchType type, String kind, ObjectNode live, byte[] body) {
        JsonNode apiVersion = live.get("apiVersion");
        return apply(type, apiVersion != null && apiVersion.isString() ? apiVersion.stringValue() : null, kind, live,
                body);
    }

    /**
     * Applies {@code body}, a patch of {@code type}, to {@code live}, an object of {@code kind} in
     * {@code apiVersion} (which picks the strategic-merge-patch schema; {@code null} to go by kind alone).
     * {@code live} is never modified.
     *
     * @return {@link PatchOutcome.Applied} with a new object, or {@link PatchOutcome.Rejected} with the failure
     */
    public PatchOutcome apply(PatchType type, String apiVersion, String kind, ObjectNode live, byte[] body) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(live, "live");
        try {
            return new PatchOutcome.Applied(patched(type, apiVersion, kind, live, body));
        } catch (PatchException e) {
            return new PatchOutcome.Rejected(e.failure());
        }
    }

    /** The 415 answer for a Content-Type that names no supported patch format. */
    public static PatchFailure unsupportedMediaType(String contentType) {
        return PatchFailure.unsupportedMediaType("unsupported patch content type \"" + contentType
                + "\"; accepted media types: " + PatchType.acceptedMediaTypes());
    }

    private ObjectNode patched(PatchType type, String apiVersion, String kind, ObjectNode live, byte[] body)
            throws PatchException {
        return switch (type) {
            case JSON_PATCH -> requireObject(JsonPatch.parse(bodies.read(body)).apply(live));
            case MERGE_PATCH -> JsonMergePatch.apply(live, bodies.readObject(body, type));
            // Simplified server-side apply: the applied object is merged like a strategic merge patch.
            case STRATEGIC_MERGE_PATCH, APPLY_PATCH -> StrategicMergePatch.apply(live, bodies.readObject(body, type),
                    schema.forKind(apiVersion, kind));
        };
    }

    private static ObjectNode requireObject(JsonNode patched) throws PatchException {
        if (patched instanceof ObjectNode object) {
            return object;
        }
        throw PatchException.invalid("the patched document must be a JSON object, the patch made it a "
                + JsonValues.typeName(patched));
    }
}
