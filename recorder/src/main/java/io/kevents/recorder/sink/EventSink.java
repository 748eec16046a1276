package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.events.v1.Event;

/**
 * Where events.k8s.io/v1 events are written (client-go's {@code tools/events.EventSink}). Implementations are
 * called from the pipeline's writer threads, never from a recording thread, and may block on I/O.
 *
 * <p>Failures are reported as {@link SinkException} with the HTTP status, so the pipeline can tell a retryable
 * failure from a rejection.
 */
public interface EventSink {

    /** Creates {@code event}; fails with 409 AlreadyExists if its name is taken. */
    Event create(Event event) throws SinkException;

    /** Replaces {@code event} (create-on-update is allowed for events). */
    Event update(Event event) throws SinkException;

    /** Applies {@code patch} to the event named by {@code event}'s namespace and name; 404 if it is gone. */
    Event patch(Event event, SeriesPatch patch) throws SinkException;
}
