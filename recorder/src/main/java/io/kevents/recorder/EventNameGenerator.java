package io.kevents.recorder;

import io.kevents.model.EventNames;
import java.time.Instant;
import io.kevents.recorder.sink.SinkException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names new event objects {@code <object>.<hex unix nanos>} like client-go, but never twice from one generator:
 * two events recorded for one object within the clock's resolution (a microsecond on most JVMs) would otherwise
 * get the same name. Other recorders (another pipeline, another process) can still pick a name this one has
 * picked; writers handle that by asking for a {@link #next fresh name} when a create answers AlreadyExists.
 * Thread-safe.
 */
public final class EventNameGenerator {

    /** Creates attempted under fresh names after AlreadyExists before the write counts as rejected. */
    private static final int MAX_RENAMES = 3;

    private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

    /** One attempt to create an event object under its current name. */
    @FunctionalInterface
    public interface CreateAttempt {
        /** Creates the object; throws what the sink threw. */
        void create() throws SinkException;
    }

    /** A fresh name for an event about {@code objectName} recorded at {@code time}. */
    public String next(String objectName, Instant time) {
        long wanted = EventNames.unixNanos(time);
        long nanos = lastNanos.updateAndGet(last -> Math.max(wanted, last + 1));
        return EventNames.generate(objectName, nanos, UUID::randomUUID);
    }

    /**
     * Runs {@code attempt}. AlreadyExists means another recorder picked the same name (same object, same instant):
     * patching that object would overwrite someone else's event, so a fresh name for {@code objectName} at
     * {@code time} goes to {@code rename} and the create is tried again, a few times at most.
     *
     * @throws SinkException what the last attempt threw, when no attempt succeeded
     */
    public void createUnderFreshNames(CreateAttempt attempt, String objectName, Instant time,
                                      Consumer<String> rename) throws SinkException {
        for (int renames = 0; ; renames++) {
            try {
                attempt.create();
                return;
            } catch (SinkException e) {
                if (!e.isAlreadyExists() || renames == MAX_RENAMES) {
                    throw e;
                }
                rename.accept(next(objectName, time));
            }
        }
    }
}
