package io.kevents.storage;

import java.util.Map;

/**
 * How to list.
 *
 * @param revision   read at this revision (a previous page's {@link ListResult#revision()}), or 0 for current
 * @param startKey   first key to return (inclusive; a previous page's {@link ListResult#nextStartKey()}), or
 *                   {@code null} to start at the prefix
 * @param limit      maximum number of keys to return, or 0 for no limit
 * @param attributes a narrowing hint: keys whose indexed attributes equal all of these. Stores with an attribute
 *                   index (embedded, in-memory) return exactly the matching keys without scanning the prefix;
 *                   stores without one (etcd) may return non-matching keys too, so callers still apply their full
 *                   selector. An empty map matches everything. {@code limit} counts the keys returned.
 */
public record ListOptions(long revision, String startKey, int limit, Map<String, String> attributes) {

    /** Everything under the prefix, at the current revision. */
    public static final ListOptions ALL = new ListOptions(0, null, 0, Map.of());

    public ListOptions {
        attributes = Map.copyOf(attributes);
        if (limit < 0 || revision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
    }

    /** Current revision, at most {@code limit} keys. */
    public static ListOptions limit(int limit) {
        return new ListOptions(0, null, limit, Map.of());
    }

    /** Current revision, only keys with these attributes. */
    public static ListOptions withAttributes(Map<String, String> attributes) {
        return new ListOptions(0, null, 0, attributes);
    }
}
