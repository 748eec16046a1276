package io.kevents.recorder;

import java.util.List;

/**
 * What a pipeline could not deliver when it was closed.
 *
 * @param undelivered    event objects whose latest state was not written (never written, or written with an
 *                       older count)
 * @param discardedCalls recorded calls still queued for a watcher when the deadline passed; their events never
 *                       reached the correlator or the series cache, so they are not in {@code undelivered}
 */
public record CloseReport(List<UndeliveredEvent> undelivered, long discardedCalls) {

    public CloseReport {
        undelivered = List.copyOf(undelivered);
    }

    /** Whether everything recorded reached the sink. */
    public boolean isComplete() {
        return undelivered.isEmpty() && discardedCalls == 0;
    }
}
