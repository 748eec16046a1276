package io.kevents.apiserver.watch;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;

/** A watch served over a WebSocket (fabric8 asks for one): one text frame per event. */
public final class WebSocketWatchSink implements WatchSink {

    private final ServerWebSocket socket;
    private final Context context;
    private final UnwrittenBytes unwritten;
    private volatile boolean ended;

    /**
     * A sink writing to {@code socket} on its event loop {@code context}; a client that leaves more than
     * {@code maxBufferedBytes} unread is too slow, and its watch ends (it will watch again from where it was).
     */
    public WebSocketWatchSink(ServerWebSocket socket, Context context, int maxBufferedBytes) {
        this.socket = socket;
        this.context = context;
        this.unwritten = new UnwrittenBytes(maxBufferedBytes);
    }

    /** One event-loop task for the whole batch. */
    @Override
    public boolean sendAll(List<EncodedWatchEvent> events) {
        if (ended || socket.isClosed()) {
            return false;
        }
        int length = 0;
        for (EncodedWatchEvent event : events) {
            length += event.json().length;
        }
        if (!unwritten.accept(length)) {
            return false;
        }
        List<EncodedWatchEvent> batch = List.copyOf(events);
        context.runOnContext(ignored -> {
            for (EncodedWatchEvent event : batch) {
                int bytes = event.json().length;
                if (socket.isClosed()) {
                    unwritten.written(bytes);
                    continue;
                }
                socket.writeTextMessage(event.text()).onComplete(written -> unwritten.written(bytes));
            }
        });
        return true;
    }

    @Override
    public void end() {
        ended = true;
        context.runOnContext(ignored -> {
            if (!socket.isClosed()) {
                socket.close();
            }
        });
    }
}
