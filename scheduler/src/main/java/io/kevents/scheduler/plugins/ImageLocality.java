package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.ScorePlugin;
import io.kevents.scheduler.framework.Snapshot;
import io.kevents.scheduler.profile.VersionProfile;

/**
 * Prefers nodes that already have the pod's images, weighting each image by its size and by how widely it is
 * spread (an image on every node says little), between 23 MiB and 1000 MiB per container.
 */
public final class ImageLocality implements ScorePlugin {

    private static final long MB = 1024L * 1024;
    private static final long MIN_THRESHOLD = 23 * MB;
    private static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

    @Override
    public String name() {
        return VersionProfile.IMAGE_LOCALITY;
    }

    @Override
    public boolean appliesTo(PodInfo pod, Snapshot snapshot) {
        // When no node has any of the pod's images every node scores 0: skip the work.
        for (String image : pod.images()) {
            if (snapshot.imageNodeCounts().containsKey(image)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        long sum = 0;
        int totalNodes = Math.max(1, snapshot.size());
        for (String image : pod.images()) {
            Long size = node.imageSizes().get(image);
            if (size != null) {
                int spread = snapshot.imageNodeCounts().getOrDefault(image, 1);
                sum += (long) (size * ((double) spread / totalNodes));
            }
        }
        long maxThreshold = MAX_CONTAINER_THRESHOLD * Math.max(1, pod.containerCount());
        long clamped = Math.max(MIN_THRESHOLD, Math.min(maxThreshold, sum));
        return MAX_SCORE * (clamped - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }
}
