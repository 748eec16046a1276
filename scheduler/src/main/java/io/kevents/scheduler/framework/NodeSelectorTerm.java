package io.kevents.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * A node selector term: every expression must hold (terms themselves are ORed by their owner). A term without any
 * expression selects no node, as in Kubernetes.
 *
 * @param matchExpressions on labels
 * @param matchFields      on fields; only {@code metadata.name} exists
 */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions,
                               List<NodeSelectorRequirement> matchFields) {

    private static final String NAME_FIELD = "metadata.name";

    public NodeSelectorTerm {
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
        matchFields = matchFields == null ? List.of() : List.copyOf(matchFields);
    }

    /** Whether a node with this name and these labels is selected. */
    public boolean matches(String nodeName, Map<String, String> labels) {
        if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement expression : matchExpressions) {
            if (!expression.matchesLabels(labels)) {
                return false;
            }
        }
        for (NodeSelectorRequirement field : matchFields) {
            if (!NAME_FIELD.equals(field.key()) || !field.matchesValue(nodeName)) {
                return false;
            }
        }
        return true;
    }

    /** Converts a fabric8 term. */
    public static NodeSelectorTerm from(io.fabric8.kubernetes.api.model.NodeSelectorTerm term) {
        return new NodeSelectorTerm(
                term.getMatchExpressions() == null ? List.of()
                        : term.getMatchExpressions().stream().map(NodeSelectorRequirement::from).toList(),
                term.getMatchFields() == null ? List.of()
                        : term.getMatchFields().stream().map(NodeSelectorRequirement::from).toList());
    }
}
