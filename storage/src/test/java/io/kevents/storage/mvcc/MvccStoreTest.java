package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import io.kevents.storage.WriteResult;
import io.kevents.storage.memory.MemoryKv;
import io.kevents.storage.mvcc.OrderedKv.Space;
import io.kevents.storage.testing.RecordingListener;
import io.kevents.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What the log-structured engine promises beyond the common contract: index, expiry, compaction, slow watchers. */
@SuppressWarnings("try") // watches held open only for the scope of a try block
class MvccStoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ManualClock clock = new ManualClock();
    private final CountingKv kv = new CountingKv(new MemoryKv());
    private MvccStore store;

    private MvccStore open(MvccOptions options) {
        store = MvccStore.open(kv, clock, options);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static KeyValue written(CompletableFuture<WriteResult> f) {
        return ((WriteResult.Written) join(f)).kv();
    }

    private static Attributes involved(String uid, String name) {
        return Attributes.of("involvedObject.uid", uid, "involvedObject.name", name, "involvedObject.kind", "Pod",
                "involvedObject.namespace", "default");
    }

    @Test
    void attributeListReadsOnlyTheMatchingKeysNotThePrefix() {
        open(MvccOptions.DEFAULTS);
        for (int pod = 0; pod < 200; pod++) {
            for (int e = 0; e < 5; e++) {
                written(store.create("/registry/events/default/pod" + pod + ".e" + e, bytes("event"),
                        involved("uid-" + pod, "pod" + pod), Duration.ofHours(1)));
            }
        }
        kv.reset();
        ListResult found = join(store.list("/registry/events/default/",
                ListOptions.withAttributes(Map.of("involvedObject.uid", "uid-77", "involvedObject.kind", "Pod"))));

        assertThat(found.items()).extracting(KeyValue::key).containsExactly("/registry/events/default/pod77.e0",
                "/registry/events/default/pod77.e1", "/registry/events/default/pod77.e2",
                "/registry/events/default/pod77.e3", "/registry/events/default/pod77.e4");
        // 1,000 events are stored; the query touches a few dozen entries, not the prefix.
        long touched = 0;
        for (Space s : Space.values()) {
            touched += kv.reads(s);
        }
        assertThat(touched).isLessThan(300);
        assertThat(kv.reads(Space.HISTORY)).isLessThan(50);
    }

    @Test
    void attributeListAtAnOldRevisionSeesTheAttributesOfThatRevision() {
        open(MvccOptions.DEFAULTS);
        KeyValue v1 = written(store.create("/r/a", bytes("1"), Attributes.of("owner", "x"), Duration.ZERO));
        written(store.create("/r/b", bytes("1"), Attributes.of("owner", "x"), Duration.ZERO));
        long before = join(store.currentRevision());
        written(store.update("/r/a", v1.modRevision(), bytes("2"), Attributes.of("owner", "y"), Duration.ZERO));
        written(store.delete("/r/b", KeyValueStore.ANY_REVISION));

        ListResult old = join(store.list("/r/", new ListOptions(before, null, 0, Map.of("owner", "x"))));
        assertThat(old.items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/b");
        ListResult now = join(store.list("/r/", ListOptions.withAttributes(Map.of("owner", "x"))));
        assertThat(now.items()).isEmpty();
        assertThat(join(store.list("/r/", ListOptions.withAttributes(Map.of("owner", "y")))).items())
                .extracting(KeyValue::key).containsExactly("/r/a");

        // Once no retained version has owner=x, compaction drops those index entries.
        join(store.compact(join(store.currentRevision())));
        await().atMost(PATIENCE).until(() -> countEntries(Space.ATTRIBUTES) == 1);
        await().atMost(PATIENCE).until(() -> countEntries(Space.HISTORY) == 1 && countEntries(Space.LOG) == 1);
        assertThat(join(store.get("/r/a")).orElseThrow().value()).isEqualTo(bytes("2"));
    }

    private long countEntries(Space space) {
        long n = 0;
        try (OrderedKv.Cursor c = kv.cursor(space, new byte[0], null)) {
            for (c.seek(new byte[0]); c.valid(); c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void expiryDeletesManyKeysInChunksAndSparesRewrittenOnes() {
        open(MvccOptions.DEFAULTS.withReapInterval(Duration.ofSeconds(1)));
        int count = 1000; // four chunks of 256
        for (int i = 0; i < count; i++) {
            written(store.create("/registry/events/ns/e" + i, bytes("v"), Attributes.NONE, Duration.ofMinutes(60)));
        }
        clock.advance(Duration.ofMinutes(30));
        KeyValue e5 = join(store.get("/registry/events/ns/e5")).orElseThrow();
        written(store.update("/registry/events/ns/e5", e5.modRevision(), bytes("again"), Attributes.NONE,
                Duration.ofMinutes(60)));

        clock.advance(Duration.ofMinutes(31));
        await().atMost(PATIENCE).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return join(store.list("/registry/events/", ListOptions.ALL)).items().size() == 1;
        });
        assertThat(join(store.get("/registry/events/ns/e5"))).isPresent();
        assertThat(countEntries(Space.EXPIRY)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(30));
        await().atMost(PATIENCE).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return join(store.get("/registry/events/ns/e5")).isEmpty();
        });
        assertThat(countEntries(Space.EXPIRY)).isZero();
    }

    @Test
    void automaticCompactionKeepsOneIntervalOfHistory() {
        open(MvccOptions.DEFAULTS.withCompactionInterval(Duration.ofMinutes(5)));
        written(store.create("/k/a", bytes("1"), Attributes.NONE, Duration.ZERO));
        written(store.update("/k/a", KeyValueStore.ANY_REVISION, bytes("2"), Attributes.NONE, Duration.ZERO));
        long firstTick = join(store.currentRevision());
        clock.advance(Duration.ofMinutes(5)); // remembers firstTick, compacts nothing yet
        written(store.update("/k/a", KeyValueStore.ANY_REVISION, bytes("3"), Attributes.NONE, Duration.ZERO));
        assertThat(join(store.list("/k/", new ListOptions(1, null, 0, Map.of()))).items()).hasSize(1);

        clock.advance(Duration.ofMinutes(5)); // compacts to firstTick
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThatThrownBy(() -> join(store.list("/k/", new ListOptions(1, null, 0, Map.of()))))
                        .hasCauseInstanceOf(StorageException.Compacted.class));
        assertThat(join(store.list("/k/", new ListOptions(firstTick, null, 0, Map.of()))).items())
                .singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bytes("2")));
    }

    @Test
    void aBusyWatchGetsItsChangesInBatchesAndAChangeAfterAQuietSpellAtOnce() throws Exception {
        open(MvccOptions.DEFAULTS.withWatchBatchInterval(Duration.ofSeconds(1)));
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        List<Long> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> firstDelivered = new CompletableFuture<>();
        AtomicLong lastDelivered = new AtomicLong();
        store.watch("/busy/", join(store.currentRevision()), new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                firstDelivered.complete(System.nanoTime());
                lastDelivered.set(System.nanoTime());
                batchSizes.add(events.size());
                events.forEach(e -> seen.add(e.revision()));
            }

            @Override
            public void onClosed(StorageException cause) {
            }
        });
        List<Long> expected = new ArrayList<>();
        long firstWritten = System.nanoTime();
        expected.add(written(store.create("/busy/first", bytes("v"), Attributes.NONE, Duration.ZERO)).modRevision());
        // Nothing went out for a while: the first change is not held back for the interval.
        assertThat(firstDelivered.get(PATIENCE.toSeconds(), TimeUnit.SECONDS) - firstWritten)
                .isLessThan(Duration.ofMillis(900).toNanos());
        for (int i = 0; i < 100; i++) {
            expected.add(written(store.create("/busy/" + i, bytes("v"), Attributes.NONE, Duration.ZERO))
                    .modRevision());
        }
        await().atMost(PATIENCE).until(() -> seen.size() >= expected.size());
        assertThat(seen).isEqualTo(expected);
        // The hundred writes take far less than the interval, so they arrive in a few batches, not a hundred.
        assertThat(batchSizes).hasSizeLessThan(10);

        // After a quiet spell longer than the interval, a change goes out at once again.
        Thread.sleep(Duration.ofMillis(1200).toMillis());
        long lastWritten = System.nanoTime();
        expected.add(written(store.create("/busy/last", bytes("v"), Attributes.NONE, Duration.ZERO)).modRevision());
        await().atMost(PATIENCE).until(() -> seen.size() >= expected.size());
        assertThat(lastDelivered.get() - lastWritten).isLessThan(Duration.ofMillis(900).toNanos());
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aWatcherTooSlowForItsBufferCatchesUpFromTheLogWithoutGapsOrDuplicates() throws Exception {
        open(MvccOptions.DEFAULTS.withWatchBufferEvents(8));
        CountDownLatch release = new CountDownLatch(1);
        List<Long> seen = new ArrayList<>();
        CompletableFuture<StorageException> closed = new CompletableFuture<>();
        long start = join(store.currentRevision());
        Watch watch = store.watch("/slow/", start, new WatchListener() {
            @Override
            public void onEvents(List<WatchEvent> events) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (seen) {
                    events.forEach(e -> seen.add(e.revision()));
                }
            }

            @Override
            public void onClosed(StorageException cause) {
                closed.complete(cause);
            }
        });
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add(written(store.create("/slow/" + i, bytes("v"), Attributes.NONE, Duration.ZERO))
                    .modRevision());
        }
        release.countDown();
        await().atMost(PATIENCE).until(() -> {
            synchronized (seen) {
                return seen.size() >= expected.size();
            }
        });
        synchronized (seen) {
            assertThat(seen).isEqualTo(expected);
        }
        watch.close();
        assertThat(closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isNull();
    }

    @Test
    void idleWatchesGetProgressNotifications() {
        open(MvccOptions.DEFAULTS.withProgressInterval(Duration.ofSeconds(5)));
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store.watch("/quiet/", join(store.currentRevision()), listener)) {
            KeyValue elsewhere = written(store.create("/noisy/x", bytes("v"), Attributes.NONE, Duration.ZERO));
            await().atMost(PATIENCE).until(() -> {
                clock.advance(Duration.ofSeconds(5));
                return listener.progress() >= elsewhere.modRevision();
            });
            assertThat(listener.events()).isEmpty();
        }
    }

    @Test
    void listingAFutureRevisionFailsAndBadArgumentsAreRefused() {
        open(MvccOptions.DEFAULTS);
        long now = join(store.currentRevision());
        assertThatThrownBy(() -> join(store.list("/x/", new ListOptions(now + 10, null, 0, Map.of()))))
                .hasCauseInstanceOf(StorageException.class);
        assertThatThrownBy(() -> store.create("", bytes("v"), Attributes.NONE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("/a\0b", bytes("v"), Attributes.NONE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("/a", bytes("v"), Attributes.NONE, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("/a", bytes("v"), Attributes.of("n", "v\0"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.update("/a", 0, bytes("v"), Attributes.NONE, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedStoreRefusesWork() {
        open(MvccOptions.DEFAULTS);
        store.close();
        assertThatThrownBy(() -> join(store.create("/a", bytes("v"), Attributes.NONE, Duration.ZERO)))
                .hasCauseInstanceOf(StorageException.Unavailable.class);
        assertThatThrownBy(() -> join(store.get("/a"))).hasCauseInstanceOf(StorageException.Unavailable.class);
        store = null;
    }
}
