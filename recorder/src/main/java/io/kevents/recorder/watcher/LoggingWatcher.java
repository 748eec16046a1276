package io.kevents.recorder.watcher;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;
import org.slf4j.Logger;

/** Logs every event at INFO, the way client-go's {@code StartStructuredLogging} does. */
public final class LoggingWatcher implements EventWatcher {

    private final Logger logger;

    /** Logs to {@code logger}. */
    public LoggingWatcher(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        if (!logger.isInfoEnabled()) {
            return;
        }
        ObjectRef object = event.regarding();
        logger.info("Event occurred: object={}/{} kind={} apiVersion={} type={} reason={} action={} note={}",
                object.namespace() == null ? "" : object.namespace(), object.name(), object.kind(),
                object.apiVersion(), event.type(), event.reason(), event.action() == null ? "" : event.action(),
                event.noteText());
    }
}
