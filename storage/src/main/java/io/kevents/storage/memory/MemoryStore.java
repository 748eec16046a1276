package io.kevents.storage.memory;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.mvcc.MvccStore;
import io.kevents.time.Clock;

/**
 * The in-memory store, for fast unit tests: the same revisions, compare-and-swap, history, watches, attribute
 * index and TTL expiry as the embedded store, with nothing on disk.
 */
public final class MemoryStore {

    private MemoryStore() {
    }

    /** Opens an empty in-memory store whose TTLs and background work follow {@code clock}. */
    public static MvccStore open(Clock clock, MvccOptions options) {
        return MvccStore.open(new MemoryKv(), clock, options);
    }

    /** Opens an empty in-memory store with default options. */
    public static KeyValueStore open(Clock clock) {
        return open(clock, MvccOptions.DEFAULTS);
    }
}
