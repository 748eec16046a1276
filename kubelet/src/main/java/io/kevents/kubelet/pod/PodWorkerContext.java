package io.kevents.kubelet.pod;

import io.kevents.kubelet.event.KubeletEvents;
import io.kevents.kubelet.image.ImageManager;
import io.kevents.kubelet.loop.Jitter;
import io.kevents.kubelet.loop.NodeLoop;
import io.kevents.kubelet.status.PodStatusBuilder;
import io.kevents.kubelet.status.StatusSink;
import io.kevents.kubelet.volume.VolumeManager;

/**
 * What the pod workers of one node share.
 *
 * @param loop     the node's timers and lock
 * @param events   the node's kubelet events
 * @param images   the node's image manager
 * @param volumes  the node's volume manager
 * @param network  the node's pod IPs
 * @param statuses where statuses go
 * @param builder  builds statuses
 * @param jitter   the node's requeue jitter
 * @param timings  sync periods
 * @param hostIp   the node's address
 */
public record PodWorkerContext(NodeLoop loop, KubeletEvents events, ImageManager images, VolumeManager volumes,
                               PodNetwork network, StatusSink statuses, PodStatusBuilder builder, Jitter jitter,
                               SyncTimings timings, String hostIp) {
}
