package io.kevents.apiserver.watch;

/** Where a watch's events go: a chunked HTTP response (one line each) or a WebSocket (one frame each). */
public interface WatchSink {

    /** Sends one watch event (a JSON object); returns {@code false} when the client cannot keep up or is gone. */
    boolean send(byte[] jsonEvent);

    /** Ends the stream. */
    void end();
}
