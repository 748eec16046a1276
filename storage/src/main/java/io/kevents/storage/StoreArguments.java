package io.kevents.storage;

import java.time.Duration;

/**
 * The argument checks every {@link KeyValueStore} makes before it queues anything. A bad argument is the caller's
 * bug, so it is answered at once with an {@link IllegalArgumentException}, not with a failed future.
 */
public final class StoreArguments {

    private StoreArguments() {
    }

    /** A written value, its attributes and its TTL: none {@code null}, the TTL not negative. */
    public static void checkWrite(byte[] value, Attributes attributes, Duration ttl) {
        if (value == null || attributes == null || ttl == null) {
            throw new IllegalArgumentException("value, attributes and ttl must not be null");
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
    }

    /** An expected modRevision: positive, or {@link KeyValueStore#ANY_REVISION}. */
    public static void checkExpected(long expectedModRevision) {
        if (expectedModRevision < 1 && expectedModRevision != KeyValueStore.ANY_REVISION) {
            throw new IllegalArgumentException("expected revision must be positive or ANY_REVISION: "
                    + expectedModRevision);
        }
    }

    /** The revision a watch starts after: not negative. */
    public static void checkAfterRevision(long afterRevision) {
        if (afterRevision < 0) {
            throw new IllegalArgumentException("afterRevision must not be negative");
        }
    }
}
