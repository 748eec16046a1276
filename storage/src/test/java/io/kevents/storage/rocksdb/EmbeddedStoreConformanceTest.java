package io.kevents.storage.rocksdb;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.testing.KeyValueStoreConformance;
import io.kevents.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

class EmbeddedStoreConformanceTest extends KeyValueStoreConformance {

    private final ManualClock clock = new ManualClock();
    @TempDir
    Path dir;
    private KeyValueStore store;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(dir, clock, MvccOptions.DEFAULTS.withCompactionInterval(Duration.ZERO),
                new RocksOptions(16 << 20, 8 << 20));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected KeyValueStore store() {
        return store;
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofMinutes(60);
    }

    @Override
    protected void passTime(Duration step) {
        clock.advance(step);
    }
}
