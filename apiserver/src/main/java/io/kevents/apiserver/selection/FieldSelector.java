package io.kevents.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A parsed {@code fieldSelector}: terms joined by commas (AND), each {@code field=value}, {@code field==value} or
 * {@code field!=value}. Values may escape {@code \}, {@code ,} and {@code =} with a backslash; an empty value is
 * legal ({@code involvedObject.namespace=} matches objects with no namespace).
 *
 * @param terms the terms
 */
public record FieldSelector(List<Term> terms) {

    /** Selects everything. */
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** One term: {@code field} must (or must not) equal {@code value}. */
    public record Term(String field, boolean negated, String value) {
    }

    /** Whether an object with these field values matches every term (a missing field counts as ""). */
    public boolean matches(Map<String, String> fields) {
        for (Term term : terms) {
            String actual = fields.getOrDefault(term.field(), "");
            if (actual == null) {
                actual = "";
            }
            if (actual.equals(term.value()) == term.negated()) {
                return false;
            }
        }
        return true;
    }

    /** Whether this selects everything. */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value an equality term requires of {@code field}, or {@code null} when there is none. */
    public String requiredValue(String field) {
        for (Term term : terms) {
            if (!term.negated() && term.field().equals(field)) {
                return term.value();
            }
        }
        return null;
    }

    /**
     * Renames fields through {@code conversion} (an API version's field labels to the stored form's) and checks
     * that each is one of {@code supported}, answering like Kubernetes otherwise.
     *
     * @param conversion maps a label to its stored name, or returns {@code null} for an unknown label
     * @throws SelectorException {@code field label not supported: <label>}
     */
    public FieldSelector convert(UnaryOperator<String> conversion, Set<String> supported) {
        List<Term> converted = new ArrayList<>();
        for (Term term : terms) {
            String field = conversion.apply(term.field());
            if (field == null || !supported.contains(field)) {
                throw new SelectorException("field label not supported: " + term.field());
            }
            converted.add(new Term(field, term.negated(), term.value()));
        }
        return new FieldSelector(List.copyOf(converted));
    }

    /**
     * Parses a selector; {@code null} or blank selects everything.
     *
     * @throws SelectorException for malformed input
     */
    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String raw : splitUnescaped(text, ',')) {
            terms.add(parseTerm(raw, text));
        }
        return new FieldSelector(List.copyOf(terms));
    }

    private static Term parseTerm(String raw, String whole) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '!' && i + 1 < raw.length() && raw.charAt(i + 1) == '=') {
                return new Term(raw.substring(0, i).trim(), true, unescape(raw.substring(i + 2), whole));
            }
            if (c == '=') {
                int valueStart = i + 1 < raw.length() && raw.charAt(i + 1) == '=' ? i + 2 : i + 1;
                return new Term(raw.substring(0, i).trim(), false, unescape(raw.substring(valueStart), whole));
            }
        }
        throw new SelectorException("invalid selector: '" + whole + "'; can't understand '" + raw + "'");
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String value, String whole) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length()) {
                    throw new SelectorException("invalid selector: '" + whole + "'; trailing backslash");
                }
                char next = value.charAt(++i);
                if (next != '\\' && next != ',' && next != '=') {
                    throw new SelectorException("invalid selector: '" + whole + "'; invalid escape sequence \\"
                            + next);
                }
                out.append(next);
            } else if (c == '=' || c == ',') {
                throw new SelectorException("invalid selector: '" + whole + "'; unescaped '" + c + "' in a value");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
