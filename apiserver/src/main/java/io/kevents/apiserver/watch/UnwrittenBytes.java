package io.kevents.apiserver.watch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bytes a watch accepted and its socket has not taken yet, against a limit: a client that leaves more than that
 * unread is too slow, and its watch ends (it will watch again from the last resourceVersion it saw) rather than
 * hold the server's memory.
 */
final class UnwrittenBytes {

    private final int limit;
    private final AtomicInteger count = new AtomicInteger();

    UnwrittenBytes(int limit) {
        this.limit = limit;
    }

    /** Counts {@code bytes} as accepted; {@code false} when that passes the limit. */
    boolean accept(int bytes) {
        return count.addAndGet(bytes) <= limit;
    }

    /** Counts {@code bytes} as taken by the socket. */
    void written(int bytes) {
        count.addAndGet(-bytes);
    }
}
