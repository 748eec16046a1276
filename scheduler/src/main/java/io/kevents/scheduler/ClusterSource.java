package io.kevents.scheduler;

import java.time.Duration;

/**
 * Where the scheduler learns about pods and nodes: normally informers on the API server
 * ({@link Fabric8ClusterSource}); tests may feed {@link ClusterEventHandlers} directly.
 */
public interface ClusterSource extends AutoCloseable {

    /**
     * Starts delivering pods and nodes to {@code handlers} and returns once the initial lists have been delivered.
     *
     * @throws IllegalStateException if that does not happen within {@code timeout}
     */
    void start(ClusterEventHandlers handlers, Duration timeout);

    /** Stops delivering. */
    @Override
    void close();
}
