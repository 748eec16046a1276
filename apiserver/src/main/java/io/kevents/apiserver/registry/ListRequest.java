package io.kevents.apiserver.registry;

import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;

/**
 * A list or watch request's selection and paging.
 *
 * @param labels               the label selector
 * @param fields               the field selector, as the served version names fields
 * @param limit                page size, 0 for everything
 * @param continueToken        the previous page's token, or {@code null}
 * @param resourceVersion      {@code null}/"" (most recent), "0" (any) or a number
 * @param resourceVersionMatch {@code null}, {@code NotOlderThan} or {@code Exact}
 */
public record ListRequest(LabelSelector labels, FieldSelector fields, int limit, String continueToken,
                          String resourceVersion, String resourceVersionMatch) {

    /** Everything, most recent. */
    public static final ListRequest ALL = new ListRequest(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null,
            null, null);
}
