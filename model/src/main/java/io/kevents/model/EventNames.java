package io.kevents.model;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Event object names as Kubernetes makes them: {@code <object name>.<unix nanoseconds in hex>}, e.g.
 * {@code nginx-pod-test.16a50e2c4b3c8f00}; when that is not a valid DNS-1123 subdomain (upper case, a colon, more
 * than 253 characters) a random UUID instead, which is always valid.
 */
public final class EventNames {

    private static final int MAX_SUBDOMAIN_LENGTH = 253;

    private EventNames() {
    }

    /** The name for an event about {@code objectName} recorded at {@code unixNanos}. */
    public static String generate(String objectName, long unixNanos, Supplier<UUID> uuids) {
        String name = objectName + "." + Long.toHexString(unixNanos);
        return isDnsSubdomain(name) ? name : uuids.get().toString();
    }

    /** Nanoseconds since the Unix epoch (Go's {@code UnixNano}). */
    public static long unixNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * Whether {@code name} is a DNS-1123 subdomain (what events.k8s.io/v1 requires of an event name): at most 253
     * characters, dot-separated labels of lower-case letters, digits and '-', each starting and ending with a
     * letter or digit. Checked character by character: it runs for every event named, where a regular expression
     * cost more than the rest of naming.
     */
    public static boolean isDnsSubdomain(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_SUBDOMAIN_LENGTH) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (c == '.') {
                if (previous == '.' || previous == '-') {
                    return false; // empty label, or a label ending in '-'
                }
            } else if (c == '-') {
                if (previous == '.') {
                    return false; // a label starting with '-'
                }
            } else if (!alphanumeric) {
                return false;
            }
            previous = c;
        }
        return previous != '.' && previous != '-';
    }
}
