package io.kevents.kubelet;

import io.kevents.kubelet.node.NodeTimings;
import io.kevents.kubelet.pod.SyncTimings;
import java.time.Duration;

/**
 * Every period and back-off of a hollow kubelet; {@link #defaults()} are the real kubelet's, which is what makes
 * event counts grow as on a real cluster.
 *
 * @param tick                the sync loop's ticker and the PLEG relist period (1 s)
 * @param sync                pod worker requeues and the volume wait
 * @param node                heartbeats
 * @param imageBackOffInitial the first image pull back-off (10 s)
 * @param imageBackOffMax     the longest (300 s)
 * @param mountBackOffInitial the first wait after a failed mount (500 ms)
 * @param mountBackOffMax     the longest (2m2s)
 */
public record KubeletTimings(Duration tick, SyncTimings sync, NodeTimings node, Duration imageBackOffInitial,
                             Duration imageBackOffMax, Duration mountBackOffInitial, Duration mountBackOffMax) {

    /** The kubelet's defaults. */
    public static KubeletTimings defaults() {
        return new KubeletTimings(Duration.ofSeconds(1), SyncTimings.defaults(), NodeTimings.defaults(),
                Duration.ofSeconds(10), Duration.ofSeconds(300), Duration.ofMillis(500), Duration.ofSeconds(122));
    }

    /** These timings with other node heartbeats. */
    public KubeletTimings withNode(NodeTimings newNode) {
        return new KubeletTimings(tick, sync, newNode, imageBackOffInitial, imageBackOffMax, mountBackOffInitial,
                mountBackOffMax);
    }

    /** These timings with other pod worker periods. */
    public KubeletTimings withSync(SyncTimings newSync) {
        return new KubeletTimings(tick, newSync, node, imageBackOffInitial, imageBackOffMax, mountBackOffInitial,
                mountBackOffMax);
    }
}
