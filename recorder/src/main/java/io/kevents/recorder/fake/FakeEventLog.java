package io.kevents.recorder.fake;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.EventValidation;
import io.kevents.recorder.Note;
import io.kevents.recorder.RecordOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What fake recorders saw, kept in an unbounded list: recording never blocks (client-go's FakeRecorder writes to
 * a bounded channel and hangs the code under test when nobody reads it). Thread-safe.
 */
public final class FakeEventLog {

    private final List<FakeEvent> events = new ArrayList<>();

    synchronized RecordOutcome add(Object regarding, Object related, String type, String reason, String action,
                                   boolean requireAction, String format, Object[] args,
                                   Map<String, String> annotations) {
        ObjectRef ref = ObjectRef.resolve(regarding);
        if (ref == null || EventValidation.checkCall(type, reason, action, requireAction) != null) {
            return RecordOutcome.INVALID;
        }
        events.add(new FakeEvent(ref, ObjectRef.resolve(related), type, reason, action,
                Note.of(format, args).text(), annotations == null ? Map.of() : Map.copyOf(annotations)));
        notifyAll();
        return RecordOutcome.ACCEPTED;
    }

    /** Everything recorded so far, in order. */
    public synchronized List<FakeEvent> events() {
        return List.copyOf(events);
    }

    /** Everything recorded so far as {@code "<type> <reason> <note>"} lines. */
    public synchronized List<String> lines() {
        return events.stream().map(FakeEvent::line).toList();
    }

    /** Forgets everything recorded. */
    public synchronized void clear() {
        events.clear();
    }

    /**
     * Waits up to {@code timeout} for an event matching {@code condition} (for code that records from other
     * threads) and returns it.
     *
     * @throws AssertionError if none arrives in time, listing what did
     */
    public synchronized FakeEvent await(Predicate<FakeEvent> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (FakeEvent event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching event within " + timeout + "; recorded: " + lines());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for an event", e);
            }
        }
    }
}
