package io.kevents.recorder.sink;

import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.Map;

/**
 * The change a repeated core/v1 event makes to its object, as client-go's correlator computes it:
 * {@code {"count":N,"lastTimestamp":T,"message":M}}. Valid as JSON merge patch and strategic merge patch.
 *
 * @param count         occurrences so far
 * @param lastTimestamp the latest occurrence (written with one-second precision)
 * @param message       the latest message
 */
public record CountPatch(int count, Instant lastTimestamp, String message) {

    /** The patch as a JSON-ready map. */
    public Map<String, Object> toMap() {
        return Map.of("count", count, "lastTimestamp", KubeTime.formatTime(lastTimestamp), "message", message);
    }
}
