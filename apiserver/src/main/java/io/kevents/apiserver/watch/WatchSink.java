package io.kevents.apiserver.watch;

import java.util.List;

/** Where a watch's events go: a chunked HTTP response (one line each) or a WebSocket (one frame each). */
public interface WatchSink {

    /** Sends one watch event (a JSON object); returns {@code false} when the client cannot keep up or is gone. */
    default boolean send(byte[] jsonEvent) {
        return sendAll(List.of(new EncodedWatchEvent(jsonEvent)));
    }

    /**
     * Sends several watch events in order, as one write where the transport allows (a thousand watchers of a busy
     * resource then cost a thousand writes per batch of changes, not per change); {@code false} as for
     * {@link #send(byte[])}.
     */
    boolean sendAll(List<EncodedWatchEvent> events);

    /** Ends the stream. */
    void end();
}
