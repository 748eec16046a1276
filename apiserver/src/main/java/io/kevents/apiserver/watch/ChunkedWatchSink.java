package io.kevents.apiserver.watch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch served as chunked HTTP, one event per line. Lines that arrive while a write waits for the event loop join
 * that write, so a thousand busy watches cost far fewer writes (and system calls) than events. A write gathers the
 * events' shared lines ({@link EncodedWatchEvent#line()}) without copying them.
 */
public final class ChunkedWatchSink implements WatchSink {

    private static final byte[] NEWLINE = {'\n'};

    private final HttpServerResponse response;
    private final Context context;
    private final UnwrittenBytes unwritten;
    private volatile boolean ended;
    /** Lines not yet handed to the event loop; non-empty while a write is scheduled. Guarded by this. */
    private List<ByteBuf> pending = new ArrayList<>();

    /**
     * A sink writing to {@code response} on its event loop {@code context}; a client that leaves more than
     * {@code maxBufferedBytes} unread is too slow, and its watch ends (it will watch again from where it was).
     */
    public ChunkedWatchSink(HttpServerResponse response, Context context, int maxBufferedBytes) {
        this.response = response;
        this.context = context;
        this.unwritten = new UnwrittenBytes(maxBufferedBytes);
    }

    /** A one-off event (a bookmark, an error, a table row): written from the heap, not worth direct memory. */
    @Override
    public boolean send(byte[] jsonEvent) {
        return enqueue(List.of(Unpooled.wrappedBuffer(jsonEvent, NEWLINE)), jsonEvent.length + 1);
    }

    @Override
    public boolean sendAll(List<EncodedWatchEvent> events) {
        List<ByteBuf> lines = new ArrayList<>(events.size());
        int length = 0;
        for (EncodedWatchEvent event : events) {
            lines.add(event.line());
            length += event.lineLength();
        }
        return enqueue(lines, length);
    }

    private boolean enqueue(List<ByteBuf> lines, int length) {
        if (ended || response.closed() || !unwritten.accept(length)) {
            lines.forEach(ByteBuf::release);
            return false;
        }
        boolean scheduled;
        synchronized (this) {
            scheduled = !pending.isEmpty();
            pending.addAll(lines);
        }
        if (!scheduled) {
            context.runOnContext(ignored -> flush());
        }
        return true;
    }

    /** Writes what accumulated since the write was scheduled: a busy event loop writes bigger, fewer chunks. */
    private void flush() {
        List<ByteBuf> lines;
        synchronized (this) {
            lines = pending;
            pending = new ArrayList<>();
        }
        if (lines.isEmpty()) {
            return;
        }
        CompositeByteBuf chunk = ByteBufAllocator.DEFAULT.compositeDirectBuffer(lines.size());
        chunk.addComponents(true, lines);
        int length = chunk.readableBytes();
        Runnable written = () -> {
            chunk.release();
            unwritten.written(length);
        };
        if (response.ended() || response.closed()) {
            written.run();
            return;
        }
        try {
            // Vert.x writes a view of the chunk and leaves its release to us, once the socket has the bytes.
            response.write(BufferInternal.buffer(chunk)).onComplete(ignored -> written.run());
        } catch (RuntimeException e) {
            written.run();
            throw e;
        }
    }

    @Override
    public void end() {
        ended = true;
        context.runOnContext(ignored -> {
            flush();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }
}
