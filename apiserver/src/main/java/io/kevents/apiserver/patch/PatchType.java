package io.kevents.apiserver.patch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The PATCH body formats a Kubernetes API server accepts, named by their request Content-Type. */
public enum PatchType {

    /** RFC 6902: a JSON array of {@code add/remove/replace/move/copy/test} operations. */
    JSON_PATCH("application/json-patch+json"),

    /** RFC 7386: a partial object; {@code null} deletes a key, lists are replaced whole. */
    MERGE_PATCH("application/merge-patch+json"),

    /**
     * Kubernetes strategic merge patch: like a merge patch, but lists with a merge key are merged element by element
     * and {@code $patch}, {@code $retainKeys}, {@code $setElementOrder/...}, {@code $deleteFromPrimitiveList/...}
     * directives are understood.
     */
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),

    /**
     * Server-side apply. This server supports it only as "merge the applied object into the live one like a strategic
     * merge patch": there is no field ownership ({@code managedFields}), no conflict detection and no removal of
     * fields a manager stopped applying.
     */
    APPLY_PATCH("application/apply-patch+yaml");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type clients send as Content-Type, e.g. {@code application/merge-patch+json}. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The patch type of a request Content-Type header, ignoring parameters ({@code ; charset=utf-8}), surrounding
     * blanks and letter case; empty for {@code null} and for any other media type.
     */
    public static Optional<PatchType> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int parameters = contentType.indexOf(';');
        String bare = (parameters >= 0 ? contentType.substring(0, parameters) : contentType).trim()
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.mediaType.equals(bare)).findFirst();
    }

    /** Every supported media type, comma-separated, for a 415 message. */
    public static String acceptedMediaTypes() {
        return Arrays.stream(values()).map(PatchType::mediaType).collect(Collectors.joining(", "));
    }
}
