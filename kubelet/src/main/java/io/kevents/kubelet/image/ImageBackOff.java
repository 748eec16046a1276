package io.kevents.kubelet.image;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's image pull back-off ({@code flowcontrol.Backoff} without jitter), keyed by
 * {@code <podUID>_<image>}: the first failure backs off {@code initial} (10 s), each further failure doubles it up to
 * {@code max} (300 s). An entry idle for more than {@code 2 × max} starts over. Times are monotonic nanoseconds.
 * Not thread-safe: one per node, used under the node's lock.
 */
public final class ImageBackOff {

    private final long initialNanos;
    private final long maxNanos;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        long backOffNanos;
        long lastUpdateNanos;
    }

    /** A back-off starting at {@code initial} and capped at {@code max}. */
    public ImageBackOff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The key the kubelet uses: {@code <podUID>_<image as written>}. */
    public static String key(String podUid, String image) {
        return podUid + "_" + image;
    }

    /** Whether a failure recorded for {@code key} still holds pulls back at {@code now}. */
    public boolean isInBackOffSinceUpdate(String key, long nowNanos) {
        Entry entry = entries.get(key);
        if (entry == null || expired(entry, nowNanos)) {
            return false;
        }
        return nowNanos - entry.lastUpdateNanos < entry.backOffNanos;
    }

    /** Records a failed pull at {@code now}: starts or doubles the back-off. */
    public void next(String key, long nowNanos) {
        Entry entry = entries.get(key);
        if (entry == null || expired(entry, nowNanos)) {
            entry = new Entry();
            entry.backOffNanos = initialNanos;
            entries.put(key, entry);
        } else {
            entry.backOffNanos = Math.min(entry.backOffNanos * 2, maxNanos);
        }
        entry.lastUpdateNanos = nowNanos;
    }

    /** The current back-off of {@code key} (zero when there is none). */
    public Duration current(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Duration.ZERO : Duration.ofNanos(entry.backOffNanos);
    }

    /** Forgets entries idle for more than twice the maximum (the kubelet does this after a successful pull). */
    public void gc(long nowNanos) {
        entries.values().removeIf(entry -> expired(entry, nowNanos));
    }

    /** Forgets every entry of a pod (when it is deleted). */
    public void forgetPod(String podUid) {
        String prefix = podUid + "_";
        entries.keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** Entries kept. */
    public int size() {
        return entries.size();
    }

    private boolean expired(Entry entry, long nowNanos) {
        return nowNanos - entry.lastUpdateNanos > 2 * maxNanos;
    }
}
