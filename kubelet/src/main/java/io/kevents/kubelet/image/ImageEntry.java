package io.kevents.kubelet.image;

import java.time.Duration;

/**
 * What the simulated registry and nodes know about one image.
 *
 * @param availability  present on every node, only in the registry, or nowhere
 * @param sizeBytes     the image size (reported in node status and, since 1.30, in the Pulled event)
 * @param bytesPerSecond how fast its layers download
 * @param resolveTime   how long the registry takes to resolve the reference (and, for a nonexistent image, to refuse
 *                      it); a pull of an image whose layers are all present takes only this long
 */
public record ImageEntry(Availability availability, long sizeBytes, long bytesPerSecond, Duration resolveTime) {

    /** Where an image exists. */
    public enum Availability {
        /** Already on every node at start (and in the registry, so {@code Always} pulls succeed). */
        PRESENT,
        /** Only in the registry: the first pull on a node downloads it. */
        PULLABLE,
        /** Nowhere: pulls fail with containerd's "pull access denied". */
        NONEXISTENT
    }

    public ImageEntry {
        if (sizeBytes < 0 || bytesPerSecond <= 0 || resolveTime.isNegative()) {
            throw new IllegalArgumentException("size must be >= 0, speed > 0, resolve time >= 0");
        }
    }

    /** Present on every node; re-pulls only resolve (one second). */
    public static ImageEntry present(long sizeBytes) {
        return new ImageEntry(Availability.PRESENT, sizeBytes, 20_000_000, Duration.ofSeconds(1));
    }

    /** In the registry, downloaded at {@code bytesPerSecond} after a one-second resolve. */
    public static ImageEntry pullable(long sizeBytes, long bytesPerSecond) {
        return new ImageEntry(Availability.PULLABLE, sizeBytes, bytesPerSecond, Duration.ofSeconds(1));
    }

    /** Nonexistent; the registry refuses it after {@code failAfter}. */
    public static ImageEntry nonexistent(Duration failAfter) {
        return new ImageEntry(Availability.NONEXISTENT, 0, 1, failAfter);
    }

    /**
     * How long a pull occupies the node's (serial) puller: resolving, plus downloading when the layers are not
     * already on the node.
     */
    public Duration pullTime(boolean layersPresent) {
        if (availability == Availability.NONEXISTENT || layersPresent) {
            return resolveTime;
        }
        long downloadNanos = (long) Math.ceil(sizeBytes * 1e9 / bytesPerSecond);
        return resolveTime.plusNanos(downloadNanos);
    }
}
