package io.kevents.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * One expression of a node selector term: a label (or, in {@code matchFields}, the field {@code metadata.name})
 * compared with values.
 *
 * @param key      the label key, or {@code metadata.name}
 * @param operator {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt} or {@code Lt}
 * @param values   the values ({@code Gt}/{@code Lt}: one integer)
 */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

    public NodeSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** Whether a node with these labels satisfies this expression. */
    public boolean matchesLabels(Map<String, String> labels) {
        String actual = labels.get(key);
        return matchesValue(actual);
    }

    /** Whether the value (or its absence, {@code null}) satisfies this expression. */
    public boolean matchesValue(String actual) {
        return switch (operator) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            case "Gt", "Lt" -> compareIntegers(actual);
            default -> false;
        };
    }

    private boolean compareIntegers(String actual) {
        if (actual == null || values.size() != 1) {
            return false;
        }
        try {
            long have = Long.parseLong(actual);
            long bound = Long.parseLong(values.get(0));
            return operator.equals("Gt") ? have > bound : have < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Converts a fabric8 requirement. */
    public static NodeSelectorRequirement from(io.fabric8.kubernetes.api.model.NodeSelectorRequirement requirement) {
        return new NodeSelectorRequirement(requirement.getKey(), requirement.getOperator(), requirement.getValues());
    }
}
