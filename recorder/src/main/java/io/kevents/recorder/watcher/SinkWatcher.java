package io.kevents.recorder.watcher;

import io.kevents.recorder.UndeliveredEvent;
import java.time.Duration;
import java.util.List;

/** A watcher that writes to a sink through its own writer threads, and so must be flushed and closed. */
public interface SinkWatcher extends EventWatcher {

    /** Starts the writer threads and timers. */
    void start();

    /**
     * Waits until no write is waiting or in progress (writes waiting for a retry back-off do not count).
     *
     * @return {@code false} if {@code timeout} passed first
     */
    boolean awaitSettled(Duration timeout);

    /**
     * Writes every pending state, then stops, within {@code timeout}.
     *
     * @return what could not be written
     */
    List<UndeliveredEvent> close(Duration timeout);
}
