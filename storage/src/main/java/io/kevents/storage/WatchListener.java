package io.kevents.storage;

import java.util.List;

/** Receives what a {@link Watch} sees. Calls for one watch never overlap. */
public interface WatchListener {

    /** Changes in revision order; a batch never splits one revision. */
    void onEvents(List<WatchEvent> events);

    /**
     * The store has seen everything up to {@code revision} and nothing under the watched prefix changed since the
     * last delivered event (the API server turns this into a BOOKMARK). Optional: stores call it periodically.
     */
    default void onProgress(long revision) {
    }

    /**
     * The watch has ended: {@code cause} is {@code null} after {@link Watch#close()}, a
     * {@link StorageException.Compacted} when the start revision was compacted, or another failure.
     */
    void onClosed(StorageException cause);
}
