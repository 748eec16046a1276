package io.kevents.storage;

/**
 * One stored key at one revision.
 *
 * @param key            the full key, e.g. {@code /registry/events/default/nginx.17a3b2c4d5e6f789}
 * @param value          the stored bytes (do not modify)
 * @param createRevision the revision at which the key was created
 * @param modRevision    the revision of the last write of the key (the API server's resourceVersion)
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}
