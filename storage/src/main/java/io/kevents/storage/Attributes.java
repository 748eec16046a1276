package io.kevents.storage;

import java.util.Map;

/**
 * Indexed attributes of a stored value, supplied by the caller on each write because the store does not parse
 * values. The API server passes, for events, the involved object's uid, name, kind and namespace, so that
 * {@code kubectl describe} finds a pod's events without scanning every event.
 *
 * @param values attribute name to value; names are chosen by the caller, e.g. {@code involvedObject.uid}
 */
public record Attributes(Map<String, String> values) {

    /** No attributes. */
    public static final Attributes NONE = new Attributes(Map.of());

    public Attributes {
        values = Map.copyOf(values);
    }

    /** Attributes from alternating name, value pairs. */
    public static Attributes of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attribute names and values must come in pairs");
        }
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Attributes(map);
    }
}
