package io.kevents.kubelet.image;

/**
 * One node's image puller. Kubelets pull one image at a time by default ({@code serializeImagePulls: true} in 1.20
 * and still in 1.32), so a pull waits for the ones requested before it. A pull is only times: the caller schedules
 * its completion. Not thread-safe: used under the node's lock.
 */
public final class ImagePuller {

    private long laneFreeAtNanos = Long.MIN_VALUE;

    /**
     * A pull requested at {@code requestedNanos}: when it starts and ends, and whether it succeeds.
     *
     * @param image          what is pulled
     * @param entry          its catalogue entry
     * @param requestedNanos when the kubelet asked (the Pulling event)
     * @param startNanos     when the runtime started it (after earlier pulls)
     * @param finishNanos    when it ends
     */
    public record Pull(ImageReference image, ImageEntry entry, long requestedNanos, long startNanos,
                       long finishNanos) {

        /** Whether the image exists in the registry. */
        public boolean succeeds() {
            return entry.availability() != ImageEntry.Availability.NONEXISTENT;
        }

        /** From the request to the end, waiting included. */
        public java.time.Duration total() {
            return java.time.Duration.ofNanos(finishNanos - requestedNanos);
        }

        /** The pull itself. */
        public java.time.Duration pullTime() {
            return java.time.Duration.ofNanos(finishNanos - startNanos);
        }
    }

    /** Queues a pull of {@code image} behind earlier ones. */
    public Pull request(ImageReference image, ImageEntry entry, boolean layersPresent, long nowNanos) {
        long start = Math.max(nowNanos, laneFreeAtNanos);
        long finish = start + entry.pullTime(layersPresent).toNanos();
        laneFreeAtNanos = finish;
        return new Pull(image, entry, nowNanos, start, finish);
    }
}
