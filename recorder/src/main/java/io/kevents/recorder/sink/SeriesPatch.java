package io.kevents.recorder.sink;

import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.Map;

/**
 * The change a repeated events.k8s.io/v1 event makes to its object: {@code {"series":{"count":N,
 * "lastObservedTime":T}}}. The same bytes are a valid JSON merge patch and strategic merge patch.
 *
 * @param count            occurrences so far (at least 2)
 * @param lastObservedTime the latest occurrence
 */
public record SeriesPatch(int count, Instant lastObservedTime) {

    /** The patch as a JSON-ready map. */
    public Map<String, Object> toMap() {
        return Map.of("series", Map.of("count", count, "lastObservedTime",
                KubeTime.formatMicroTime(lastObservedTime)));
    }
}
