package io.kevents.storage.etcd;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.testing.EtcdProcess;
import io.kevents.storage.testing.KeyValueStoreConformance;
import io.kevents.time.SystemClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.List;

/** The conformance suite against a real etcd server (one per class; every test has its own key prefix). */
class EtcdStoreConformanceTest extends KeyValueStoreConformance {

    private static EtcdProcess etcd;
    private static SystemClock clock;
    private static EtcdStore store;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdProcess.start();
        clock = new SystemClock("etcd-test-clock");
        store = EtcdStore.connect(List.of(etcd.clientUrl()), clock);
    }

    @AfterAll
    static void stopEtcd() {
        try {
            if (store != null) {
                store.close();
            }
            if (clock != null) {
                clock.close();
            }
        } finally {
            if (etcd != null) {
                etcd.close();
            }
        }
    }

    @Override
    protected KeyValueStore store() {
        return store;
    }

    @Override
    protected Duration shortTtl() {
        return Duration.ofSeconds(2);
    }

    @Override
    protected void passTime(Duration step) {
        // Real time: etcd's leases expire on their own.
    }
}
