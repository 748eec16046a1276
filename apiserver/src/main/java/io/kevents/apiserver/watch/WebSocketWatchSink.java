package io.kevents.apiserver.watch;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;

/** A watch served over a WebSocket (fabric8 asks for one): one text frame per event. */
public final class WebSocketWatchSink implements WatchSink {

    private final ServerWebSocket socket;
    private final Context context;
    private volatile boolean ended;

    /** A sink writing to {@code socket} on its event loop {@code context}. */
    public WebSocketWatchSink(ServerWebSocket socket, Context context) {
        this.socket = socket;
        this.context = context;
    }

    /** One event-loop task for the whole batch. */
    @Override
    public boolean sendAll(List<EncodedWatchEvent> events) {
        if (ended || socket.isClosed()) {
            return false;
        }
        List<String> texts = new ArrayList<>(events.size());
        for (EncodedWatchEvent event : events) {
            texts.add(event.text());
        }
        context.runOnContext(ignored -> {
            for (String text : texts) {
                if (socket.isClosed()) {
                    return;
                }
                socket.writeTextMessage(text);
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
