package io.kevents.apiserver.watch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One watch event, serialized once and shared by every watch that sends it: the JSON object for WebSocket frames,
 * and the same bytes with a newline in direct memory for chunked streams, which sockets write without another copy.
 * With a thousand watchers of one resource, no bytes are copied per watcher in the server: only the kernel copies,
 * once per socket.
 */
public final class EncodedWatchEvent {

    private final byte[] json;
    /** The line in direct memory, made on first use. */
    private volatile ByteBuf line;
    /** The JSON as text, made on first use. */
    private volatile String text;

    /** {@code json}, which must not be modified afterwards. */
    public EncodedWatchEvent(byte[] json) {
        this.json = json;
    }

    /** The watch event's JSON object; callers must not modify it. */
    public byte[] json() {
        return json;
    }

    /** The watch event's JSON object as text, for WebSocket frames; decoded once for all watches. */
    public String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = new String(json, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    /** Length of {@link #line()}. */
    public int lineLength() {
        return json.length + 1;
    }

    /**
     * The JSON and a newline, as a view of its own for one write (which must only read it). Writes release their
     * views without freeing the shared memory; the garbage collector frees it once the event and its views are
     * unreachable.
     */
    public ByteBuf line() {
        ByteBuf shared = line;
        if (shared == null) {
            // Two threads may both make it; either copy serves.
            ByteBuffer direct = ByteBuffer.allocateDirect(json.length + 1);
            direct.put(json).put((byte) '\n').flip();
            shared = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
            line = shared;
        }
        return shared.duplicate();
    }
}
