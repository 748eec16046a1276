package io.kevents.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * The cluster as one scheduling cycle sees it: every node (in a stable order, so that the round-robin start of the
 * node search moves fairly), and on how many nodes each image is present.
 *
 * @param nodes           the nodes that exist (placeholders for unknown nodes are left out)
 * @param imageNodeCounts normalised image name → number of nodes that have it
 */
public record Snapshot(List<NodeInfo> nodes, Map<String, Integer> imageNodeCounts) {

    /** No nodes. */
    public static final Snapshot EMPTY = new Snapshot(List.of(), Map.of());

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }
}
