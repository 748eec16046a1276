package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.Event;

/**
 * Where core/v1 events are written (client-go's {@code tools/record.EventSink}). Called from writer threads only.
 */
public interface LegacyEventSink {

    /** Creates {@code event}; fails with 409 AlreadyExists if its name is taken. */
    Event create(Event event) throws SinkException;

    /** Replaces {@code event}. */
    Event update(Event event) throws SinkException;

    /** Applies {@code patch} to the event named by {@code event}'s namespace and name; 404 if it is gone. */
    Event patch(Event event, CountPatch patch) throws SinkException;
}
