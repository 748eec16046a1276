package io.kevents.storage.memory;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.testing.KeyValueStoreConformance;
import io.kevents.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

class MemoryStoreConformanceTest extends KeyValueStoreConformance {

    private final ManualClock clock = new ManualClock();
    private KeyValueStore store;

    @BeforeEach
    void open() {
        store = MemoryStore.open(clock, MvccOptions.DEFAULTS.withCompactionInterval(Duration.ZERO));
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
