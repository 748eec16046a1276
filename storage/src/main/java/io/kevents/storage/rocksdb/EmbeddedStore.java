package io.kevents.storage.rocksdb;

import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.mvcc.MvccStore;
import io.kevents.time.Clock;

import java.nio.file.Path;

/**
 * The embedded, durable store: no set-up, one directory. A write is acknowledged only after the RocksDB
 * write-ahead log holding it is synced to disk, so acknowledged writes survive a crash of the process or the
 * machine; concurrent writes share one sync.
 */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static MvccStore open(Path dir, Clock clock, MvccOptions options, RocksOptions tuning) {
        return MvccStore.open(RocksKv.open(dir, tuning), clock, options);
    }

    /** Opens (creating if needed) the store in {@code dir} with default options. */
    public static MvccStore open(Path dir, Clock clock) {
        return open(dir, clock, MvccOptions.DEFAULTS, RocksOptions.DEFAULTS);
    }
}
