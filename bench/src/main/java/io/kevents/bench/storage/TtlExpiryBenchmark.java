package io.kevents.bench.storage;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.rocksdb.EmbeddedStore;
import io.kevents.storage.rocksdb.RocksOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TTL expiry under load, on the embedded store: load N events with a one-hour TTL, pause 15 s for the bulk load's
 * compactions to settle, measure 64 writers at full speed (idle: nothing expiring), then move the store's clock past the hour so all N fall due at once and measure
 * the same writers until a watch has seen all N deletions. The target: p99 during expiry at most twice idle.
 */
final class TtlExpiryBenchmark {

    private static final int WRITERS = 64;
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final Path base;
    private final int events;
    private final Duration measure;

    TtlExpiryBenchmark(Path base, int events, Duration measure) {
        this.base = base;
        this.events = events;
        this.measure = measure;
    }

    /** What one run measured. */
    record Outcome(WriteLoad.Result idle, WriteLoad.Result during, WriteLoad.Result after, long expired,
                   double expirySeconds) {
        double expiredPerSecond() {
            return expired / expirySeconds;
        }
    }

    Outcome run() throws Exception {
        System.out.printf("%n== TTL expiry: %,d events expiring at once, %d writers writing at full speed%n", events,
                WRITERS);
        try (OffsetClock clock = new OffsetClock();
             KeyValueStore store = EmbeddedStore.open(Files.createTempDirectory(base, "ttl-"), clock,
                     MvccOptions.DEFAULTS, RocksOptions.DEFAULTS)) {
            long loadStart = System.nanoTime();
            load(store, new EventFixture(1024, "expiring-"));
            System.out.printf("loaded %,d events with a 1 h TTL in %.1f s%n", events,
                    (System.nanoTime() - loadStart) / 1e9);
            // Let RocksDB's compactions of the bulk load settle, so "idle" is the steady state.
            Thread.sleep(SETTLE.toMillis());

            // Writers' own events live two hours, so only the loaded ones fall due.
            WriteLoad writers = new WriteLoad(store, new EventFixture(1024, "live-"), Duration.ofHours(2),
                    new AtomicLong());
            WriteLoad.Result idle = writers.run(WRITERS, Duration.ofSeconds(3), measure);
            System.out.printf("%-28s %s%n", "idle (nothing expiring)", idle.describe());

            AtomicLong deleted = new AtomicLong();
            WriteLoad.Result during;
            double expirySeconds;
            AtomicReference<StorageException> watchFailure = new AtomicReference<>();
            long revision = store.currentRevision().get();
            try (Watch ignored = store.watch("/registry/events/expiring-", revision, new WatchListener() {
                @Override
                public void onEvents(List<WatchEvent> batch) {
                    deleted.addAndGet(batch.stream().filter(e -> e.type() == WatchEvent.Type.DELETE).count());
                }

                @Override
                public void onClosed(StorageException cause) {
                    watchFailure.set(cause);
                }
            })) {
                long jumped = System.nanoTime();
                clock.jump(Duration.ofHours(1).plusSeconds(1));
                long deadline = jumped + TimeUnit.MINUTES.toNanos(10);
                AtomicLong expiredAt = new AtomicLong();
                during = writers.runUntil(WRITERS, jumped, () -> {
                    if (deleted.get() >= events) {
                        expiredAt.compareAndSet(0, System.nanoTime());
                        return true;
                    }
                    return System.nanoTime() > deadline || watchFailure.get() != null;
                });
                expirySeconds = ((expiredAt.get() == 0 ? System.nanoTime() : expiredAt.get()) - jumped) / 1e9;
                System.out.printf("%-28s %s%n", "while expiring", during.describe());
                System.out.printf("expired %,d of %,d events in %.1f s (%.0f/s) while writing; p99 ratio %.2f"
                                + " (target <= 2.0), p50 ratio %.2f%n", deleted.get(), events, expirySeconds,
                        deleted.get() / expirySeconds, during.p99Ms() / idle.p99Ms(), during.p50Ms() / idle.p50Ms());
                if (watchFailure.get() != null) {
                    System.out.println("watch failed: " + watchFailure.get());
                }
            }
            WriteLoad.Result after = writers.run(WRITERS, Duration.ZERO, measure);
            System.out.printf("%-28s %s%n", "after expiry", after.describe());
            return new Outcome(idle, during, after, deleted.get(), expirySeconds);
        }
    }

    /** Loads the events fast: many writes in flight, so group commit packs them. */
    private void load(KeyValueStore store, EventFixture fixture) throws Exception {
        Semaphore inFlight = new Semaphore(4096);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (long i = 0; i < events && failure.get() == null; i++) {
            inFlight.acquire();
            EventFixture.Event e = fixture.event(i);
            store.create(e.key(), e.value(), e.attributes(), Duration.ofHours(1)).whenComplete((r, t) -> {
                if (t != null) {
                    failure.compareAndSet(null, t);
                } else if (!(r instanceof WriteResult.Written)) {
                    failure.compareAndSet(null, new IllegalStateException("unexpected " + r));
                }
                inFlight.release();
            });
        }
        inFlight.acquire(4096);
        if (failure.get() != null) {
            throw new IllegalStateException("loading failed", failure.get());
        }
    }
}
