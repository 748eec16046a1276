package io.kevents.kubelet.pod;

import java.time.Duration;

/**
 * How often a pod worker syncs (kubelet defaults in {@link #defaults()}).
 *
 * @param syncFrequency  requeue after a successful sync ({@code --sync-frequency}, 1 min)
 * @param backOffPeriod  requeue after a failed sync (10 s); image back-off alone does not make a sync succeed,
 *                       because the kubelet counts any start failure as a sync error
 * @param jitterFactor   both requeues are stretched by up to this fraction ({@code wait.Jitter}, 0.5)
 * @param mountTimeout   how long a sync waits for volumes before failing with FailedMount (2m3s)
 */
public record SyncTimings(Duration syncFrequency, Duration backOffPeriod, double jitterFactor,
                          Duration mountTimeout) {

    /** The kubelet's defaults. */
    public static SyncTimings defaults() {
        return new SyncTimings(Duration.ofMinutes(1), Duration.ofSeconds(10), 0.5, Duration.ofSeconds(123));
    }
}
