package io.kevents.recorder;

import io.kevents.model.EventNames;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names new event objects {@code <object>.<hex unix nanos>} like client-go, but never twice from one generator:
 * two events recorded for one object within the clock's resolution (a microsecond on most JVMs) would otherwise
 * get the same name. Other recorders (another pipeline, another process) can still pick a name this one has
 * picked; writers handle that by asking for a {@link #next fresh name} when a create answers AlreadyExists.
 * Thread-safe.
 */
public final class EventNameGenerator {

    private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

    /** A fresh name for an event about {@code objectName} recorded at {@code time}. */
    public String next(String objectName, Instant time) {
        long wanted = EventNames.unixNanos(time);
        long nanos = lastNanos.updateAndGet(last -> Math.max(wanted, last + 1));
        return EventNames.generate(objectName, nanos, UUID::randomUUID);
    }
}
