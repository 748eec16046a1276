package io.kevents.apiserver.patch;

import java.util.Objects;

/**
 * Why a patch was refused, in the terms the server answers with: the HTTP status code, the Kubernetes
 * {@code Status.reason} and a message for the client. Never carries a stack trace.
 *
 * @param code    HTTP status code: 400, 413, 415 or 422
 * @param reason  Kubernetes reason: {@code BadRequest}, {@code RequestEntityTooLarge}, {@code UnsupportedMediaType}
 *                or {@code Invalid}
 * @param message what was wrong, for the client
 */
public record PatchFailure(int code, String reason, String message) {

    /** Reason of 400 answers. */
    public static final String BAD_REQUEST = "BadRequest";
    /** Reason of 413 answers. */
    public static final String REQUEST_ENTITY_TOO_LARGE = "RequestEntityTooLarge";
    /** Reason of 415 answers. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    /** Reason of 422 answers. */
    public static final String INVALID = "Invalid";

    public PatchFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** 400: the body is malformed or uses a directive the server does not support. */
    public static PatchFailure badRequest(String message) {
        return new PatchFailure(400, BAD_REQUEST, message);
    }

    /** 413: the body is too large to apply (too many JSON Patch operations). */
    public static PatchFailure requestEntityTooLarge(String message) {
        return new PatchFailure(413, REQUEST_ENTITY_TOO_LARGE, message);
    }

    /** 415: the Content-Type names no supported patch format. */
    public static PatchFailure unsupportedMediaType(String message) {
        return new PatchFailure(415, UNSUPPORTED_MEDIA_TYPE, message);
    }

    /** 422: the body is well formed but cannot be applied to this object (a failed JSON Patch {@code test}, say). */
    public static PatchFailure invalid(String message) {
        return new PatchFailure(422, INVALID, message);
    }
}
