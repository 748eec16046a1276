package io.kevents.recorder.watcher;

import io.kevents.recorder.RecordedEvent;
import java.util.List;

/**
 * Decides what happens to recorded events: write them to the API server, log them, export them... (the seed's
 * "broadcasterWatcher"). The broadcaster gives every watcher its own bounded queue and thread, so a slow watcher
 * delays (and, when its queue is full, loses) only its own events.
 *
 * <p>Calls for one watcher never overlap. An exception thrown by a watcher is logged and the watcher keeps
 * receiving events.
 */
@FunctionalInterface
public interface EventWatcher {

    /** Handles one event. */
    void onEvent(RecordedEvent event);

    /**
     * Handles events that were queued together, in recording order. Watchers that can handle a batch at once
     * (taking a lock once, say) override this; the list is only valid during the call.
     */
    default void onEvents(List<RecordedEvent> events) {
        for (RecordedEvent event : events) {
            onEvent(event);
        }
    }
}
