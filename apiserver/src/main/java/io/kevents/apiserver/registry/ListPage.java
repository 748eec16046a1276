package io.kevents.apiserver.registry;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a list, in the served version.
 *
 * @param items           the objects (resourceVersion set)
 * @param resourceVersion the revision the page was read at
 * @param continueToken   the token for the next page, or {@code null}
 */
public record ListPage(List<ObjectNode> items, long resourceVersion, String continueToken) {
}
