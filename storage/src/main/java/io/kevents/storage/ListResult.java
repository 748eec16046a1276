package io.kevents.storage;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items        the keys, in key order
 * @param revision     the revision the page was read at; pass it back to read the next page at the same snapshot
 * @param nextStartKey the first key of the next page, or {@code null} when this was the last page
 */
public record ListResult(List<KeyValue> items, long revision, String nextStartKey) {

    public ListResult {
        items = List.copyOf(items);
    }

    /** Whether more keys follow this page. */
    public boolean hasMore() {
        return nextStartKey != null;
    }
}
