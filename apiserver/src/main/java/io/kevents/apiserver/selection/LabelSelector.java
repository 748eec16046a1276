package io.kevents.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed {@code labelSelector}: requirements joined by commas, all of which must hold. Supported forms, as in
 * Kubernetes: {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k},
 * {@code !k}, {@code k>n}, {@code k<n}.
 *
 * @param requirements the requirements
 */
public record LabelSelector(List<Requirement> requirements) {

    /** Selects everything. */
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Operators. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    /** One requirement on one label. */
    public record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
                case GREATER_THAN, LESS_THAN -> {
                    if (value == null) {
                        yield false;
                    }
                    try {
                        long actual = Long.parseLong(value);
                        long bound = Long.parseLong(values.iterator().next());
                        yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                }
            };
        }
    }

    /** Whether {@code labels} satisfy every requirement. */
    public boolean matches(Map<String, String> labels) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selects everything. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /**
     * Parses a selector; {@code null} or blank selects everything.
     *
     * @throws SelectorException for malformed input
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitTerms(text)) {
            requirements.add(parseRequirement(term.trim(), text));
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(text.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(text.substring(start));
        return terms;
    }

    private static Requirement parseRequirement(String term, String whole) {
        if (term.isEmpty()) {
            throw new SelectorException("unable to parse requirement: found '', expected: identifier in \"" + whole
                    + "\"");
        }
        if (term.startsWith("!")) {
            return new Requirement(key(term.substring(1).trim(), whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        String[] set = splitSet(term);
        if (set != null) {
            Operator operator = set[1].equals("in") ? Operator.IN : Operator.NOT_IN;
            TreeSet<String> values = new TreeSet<>();
            for (String v : set[2].split(",")) {
                values.add(value(v.trim(), whole));
            }
            return new Requirement(key(set[0], whole), operator, values);
        }
        for (String op : new String[] {"!=", "==", "=", ">", "<"}) {
            int at = term.indexOf(op);
            if (at >= 0) {
                Operator operator = switch (op) {
                    case "!=" -> Operator.NOT_EQUALS;
                    case ">" -> Operator.GREATER_THAN;
                    case "<" -> Operator.LESS_THAN;
                    default -> Operator.EQUALS;
                };
                String value = value(term.substring(at + op.length()).trim(), whole);
                if ((operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) && !isInteger(value)) {
                    throw new SelectorException("for 'gt', 'lt' operators, exactly one value is required: \"" + value
                            + "\" is not an integer");
                }
                return new Requirement(key(term.substring(0, at).trim(), whole), operator, Set.of(value));
            }
        }
        return new Requirement(key(term, whole), Operator.EXISTS, Set.of());
    }

    /** {@code [key, in|notin, values]} for a set-based term, else null. */
    private static String[] splitSet(String term) {
        int open = term.indexOf('(');
        if (open < 0 || !term.endsWith(")")) {
            return null;
        }
        String head = term.substring(0, open).trim();
        String[] words = head.split("\\s+");
        if (words.length != 2 || !(words[1].equals("in") || words[1].equals("notin"))) {
            return null;
        }
        return new String[] {words[0], words[1], term.substring(open + 1, term.length() - 1)};
    }

    private static String key(String key, String whole) {
        if (key.isEmpty() || !key.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9](/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")
                && !key.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
            throw new SelectorException("unable to parse requirement: invalid label key \"" + key + "\" in \"" + whole
                    + "\"");
        }
        return key;
    }

    private static String value(String value, String whole) {
        if (!value.isEmpty() && !value.matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")) {
            throw new SelectorException("unable to parse requirement: invalid label value: \"" + value + "\" in \""
                    + whole + "\"");
        }
        return value;
    }

    private static boolean isInteger(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
