package io.kevents.recorder;

import io.kevents.model.EventNames;
import java.time.Instant;
import java.util.UUID;

/**
 * Names new event objects {@code <object>.<hex unix nanos>} like client-go, but never twice: two events recorded
 * for one object within the clock's resolution (a microsecond on most JVMs) would otherwise get the same name and
 * the second create would fail with AlreadyExists. Not thread-safe: each pipeline stage owns one.
 */
public final class EventNameGenerator {

    private long lastNanos = Long.MIN_VALUE;

    /** A fresh name for an event about {@code objectName} recorded at {@code time}. */
    public String next(String objectName, Instant time) {
        long nanos = Math.max(EventNames.unixNanos(time), lastNanos + 1);
        lastNanos = nanos;
        return EventNames.generate(objectName, nanos, UUID::randomUUID);
    }
}
