package io.kevents.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * What a pod requires of its node's labels: its {@code nodeSelector} (every pair must be present) and, when it has
 * one, its required node affinity (at least one term must match).
 *
 * @param nodeSelector  label pairs, possibly empty
 * @param requiredTerms the required affinity's terms, or {@code null} when the pod has no required affinity
 */
public record NodeRequirement(Map<String, String> nodeSelector, List<NodeSelectorTerm> requiredTerms) {

    /** Requires nothing. */
    public static final NodeRequirement NONE = new NodeRequirement(Map.of(), null);

    public NodeRequirement {
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        requiredTerms = requiredTerms == null ? null : List.copyOf(requiredTerms);
    }

    /** Whether this requires anything at all. */
    public boolean isEmpty() {
        return nodeSelector.isEmpty() && requiredTerms == null;
    }

    /** Whether the node satisfies both the selector and the required affinity. */
    public boolean matches(String nodeName, Map<String, String> labels) {
        for (Map.Entry<String, String> pair : nodeSelector.entrySet()) {
            if (!pair.getValue().equals(labels.get(pair.getKey()))) {
                return false;
            }
        }
        if (requiredTerms == null) {
            return true;
        }
        for (NodeSelectorTerm term : requiredTerms) {
            if (term.matches(nodeName, labels)) {
                return true;
            }
        }
        return false;
    }
}
