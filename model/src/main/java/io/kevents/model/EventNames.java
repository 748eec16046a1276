package io.kevents.model;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Event object names as Kubernetes makes them: {@code <object name>.<unix nanoseconds in hex>}, e.g.
 * {@code nginx-pod-test.16a50e2c4b3c8f00}; when that is not a valid DNS-1123 subdomain (upper case, a colon, more
 * than 253 characters) a random UUID instead, which is always valid.
 */
public final class EventNames {

    private static final int MAX_SUBDOMAIN_LENGTH = 253;
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

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

    /** Whether {@code name} is a DNS-1123 subdomain (what events.k8s.io/v1 requires of an event name). */
    public static boolean isDnsSubdomain(String name) {
        return name != null && !name.isEmpty() && name.length() <= MAX_SUBDOMAIN_LENGTH
                && DNS_SUBDOMAIN.matcher(name).matches();
    }
}
