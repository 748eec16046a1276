package io.kevents.kubelet.node;

import java.time.Duration;

/**
 * How often a node reports (kubelet defaults in {@link #defaults()}).
 *
 * @param statusUpdateFrequency  how often the kubelet computes its node status ({@code nodeStatusUpdateFrequency},
 *                               10 s); it writes only when something changed or the report is due
 * @param statusReportFrequency  the longest time between status writes with the lease in use
 *                               ({@code nodeStatusReportFrequency}, 5 min)
 * @param leaseDuration          the lease's {@code leaseDurationSeconds} (40 s)
 * @param leaseRenewInterval     how often the lease is renewed (a quarter of its duration, 10 s)
 * @param readyAfter             how long after registration the runtime reports ready and the node turns Ready
 */
public record NodeTimings(Duration statusUpdateFrequency, Duration statusReportFrequency, Duration leaseDuration,
                          Duration leaseRenewInterval, Duration readyAfter) {

    /** The kubelet's defaults; the node turns Ready one second after registering. */
    public static NodeTimings defaults() {
        return new NodeTimings(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(40),
                Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}
