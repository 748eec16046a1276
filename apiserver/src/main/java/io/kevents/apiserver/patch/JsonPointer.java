package io.kevents.apiserver.patch;

import java.util.List;

/**
 * A JSON Pointer (RFC 6901): {@code ""} is the whole document, {@code /a/0/b~1c} the member {@code b/c} of the
 * first element of {@code a}. Tokens are kept unescaped.
 *
 * @param tokens the reference tokens, unescaped ({@code ~1} read as {@code /}, {@code ~0} as {@code ~})
 */
public record JsonPointer(List<String> tokens) {

    /** The pointer to the whole document. */
    public static final JsonPointer ROOT = new JsonPointer(List.of());

    public JsonPointer {
        tokens = List.copyOf(tokens);
    }

    /**
     * Parses pointer text.
     *
     * @throws PatchException 400 when the text is neither empty nor starts with {@code /}, or has a {@code ~} not
     *                        followed by {@code 0} or {@code 1}
     */
    public static JsonPointer parse(String text) throws PatchException {
        if (text.isEmpty()) {
            return ROOT;
        }
        if (text.charAt(0) != '/') {
            throw PatchException.badRequest("invalid JSON pointer \"" + text + "\": it must be empty or start with /");
        }
        String[] raw = text.substring(1).split("/", -1);
        String[] tokens = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            tokens[i] = unescape(raw[i], text);
        }
        return new JsonPointer(List.of(tokens));
    }

    private static String unescape(String token, String text) throws PatchException {
        if (token.indexOf('~') < 0) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '~') {
                out.append(c);
                continue;
            }
            char next = i + 1 < token.length() ? token.charAt(i + 1) : '\0';
            if (next == '0') {
                out.append('~');
            } else if (next == '1') {
                out.append('/');
            } else {
                throw PatchException.badRequest("invalid JSON pointer \"" + text + "\": ~ must be followed by 0 or 1");
            }
            i++;
        }
        return out.toString();
    }

    /** Whether this is the pointer to the whole document. */
    public boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The pointer to the container of what this points at; not defined for {@link #ROOT}. */
    public JsonPointer parent() {
        return new JsonPointer(tokens.subList(0, tokens.size() - 1));
    }

    /** The last token: the member name or array index within the parent; not defined for {@link #ROOT}. */
    public String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** Whether {@code other} points strictly inside what this points at. */
    public boolean isProperPrefixOf(JsonPointer other) {
        return tokens.size() < other.tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
    }

    /** The pointer text, escaped. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            text.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }
}
