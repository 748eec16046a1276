package io.kevents.recorder.writer;

import io.kevents.recorder.UndeliveredEvent;
import io.kevents.recorder.sink.SinkException;

/**
 * One event object that needs writing: a series (events.k8s.io/v1) or a correlated event (core/v1). The writer
 * calls {@link #writeLatest()} from one worker at a time; the implementation reads the latest state at that
 * moment, so a write that waited in the queue carries everything recorded meanwhile.
 */
public interface PendingWrite {

    /**
     * The object the event is about (compared with {@code equals}): the writes of one object go out one at a time,
     * in the order they were asked for (see {@link KeyedWorkQueue}).
     */
    Object lane();

    /** Writes the latest state of this event object to the sink (create, or patch of what changed). */
    void writeLatest() throws SinkException;

    /** Describes the state that would be lost, for the close report. */
    UndeliveredEvent undelivered(String why);
}
