package io.kevents.recorder.watcher;

import io.kevents.recorder.RecordedEvent;
import java.util.List;

/**
 * A watcher whose work splits by key into independent partitions (for example by involved object, when nothing it
 * computes spans two objects). The broadcaster then gives each partition its own queue and thread, so the watcher
 * uses as many cores as it has partitions. Calls for one partition never overlap and carry only that partition's
 * events, in recording order; calls for different partitions may run at the same time.
 */
public interface PartitionedWatcher extends EventWatcher {

    /** The number of partitions, at least 1; fixed for the watcher's life. */
    int partitions();

    /** The partition of {@code event}, in {@code [0, partitions())}; the same for all events with the same key. */
    int partitionOf(RecordedEvent event);

    /**
     * Handles events of one partition that were queued together, in recording order: the broadcaster's loop for
     * {@code partition} calls this instead of {@link #onEvents(List)}, so the watcher need not work out the
     * partition again. By default, {@link #onEvents(List)}.
     */
    default void onEvents(int partition, List<RecordedEvent> events) {
        onEvents(events);
    }
}
