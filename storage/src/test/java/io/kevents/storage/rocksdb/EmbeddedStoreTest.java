package io.kevents.storage.rocksdb;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.MvccOptions;
import io.kevents.storage.mvcc.MvccStore;
import io.kevents.storage.testing.RecordingListener;
import io.kevents.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What only a durable store can show: state, revisions, history and TTLs survive closing and reopening. */
@SuppressWarnings("try") // watches held open only for the scope of a try block
class EmbeddedStoreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final RocksOptions SMALL = new RocksOptions(16 << 20, 8 << 20);

    @TempDir
    Path dir;

    private MvccStore open(ManualClock clock) {
        return EmbeddedStore.open(dir, clock, MvccOptions.DEFAULTS.withCompactionInterval(Duration.ZERO), SMALL);
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

    @Test
    void stateRevisionsAndHistorySurviveAReopen() {
        ManualClock clock = new ManualClock();
        long afterFirst;
        long last;
        try (KeyValueStore store = open(clock)) {
            afterFirst = written(store.create("/registry/pods/default/a", bytes("a1"),
                    Attributes.of("spec.nodeName", "node-1"), Duration.ZERO)).modRevision();
            written(store.update("/registry/pods/default/a", afterFirst, bytes("a2"),
                    Attributes.of("spec.nodeName", "node-2"), Duration.ZERO));
            written(store.create("/registry/pods/default/b", bytes("b1"), Attributes.NONE, Duration.ZERO));
            last = written(store.delete("/registry/pods/default/b", KeyValueStore.ANY_REVISION)).modRevision();
        }
        try (KeyValueStore store = open(clock)) {
            assertThat(join(store.currentRevision())).isEqualTo(last);
            assertThat(join(store.get("/registry/pods/default/a")).orElseThrow().value()).isEqualTo(bytes("a2"));
            assertThat(join(store.get("/registry/pods/default/b"))).isEmpty();
            assertThat(join(store.list("/registry/pods/", new ListOptions(afterFirst, null, 0, Map.of()))).items())
                    .singleElement().satisfies(kv -> assertThat(kv.value()).isEqualTo(bytes("a1")));
            assertThat(join(store.list("/registry/pods/",
                    ListOptions.withAttributes(Map.of("spec.nodeName", "node-2")))).items()).hasSize(1);

            KeyValue next = written(store.create("/registry/pods/default/c", bytes("c"), Attributes.NONE,
                    Duration.ZERO));
            assertThat(next.modRevision()).isEqualTo(last + 1);

            RecordingListener replay = new RecordingListener();
            try (Watch ignored = store.watch("/registry/pods/", 0, replay)) {
                await().atMost(PATIENCE).until(() -> replay.events().size() == 5);
            }
            assertThat(replay.events()).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.PUT,
                    WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE, WatchEvent.Type.PUT);
        }
    }

    @Test
    void compactionAndTtlsSurviveAReopen() {
        ManualClock clock = new ManualClock();
        long compactedAt;
        try (KeyValueStore store = open(clock)) {
            written(store.create("/registry/events/ns/e1", bytes("soon gone"), Attributes.NONE, Duration.ofHours(1)));
            written(store.create("/registry/pods/ns/p", bytes("stays"), Attributes.NONE, Duration.ZERO));
            compactedAt = join(store.currentRevision());
            join(store.compact(compactedAt));
        }
        clock.advance(Duration.ofMinutes(61));
        try (KeyValueStore store = open(clock)) {
            assertThatThrownBy(() -> join(store.list("/registry/", new ListOptions(compactedAt - 1, null, 0,
                    Map.of())))).hasCauseInstanceOf(StorageException.Compacted.class);
            await().atMost(PATIENCE).until(() -> {
                clock.advance(Duration.ofSeconds(1));
                return join(store.get("/registry/events/ns/e1")).isEmpty();
            });
            assertThat(join(store.get("/registry/pods/ns/p"))).isPresent();
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameDirectory() {
        ManualClock clock = new ManualClock();
        try (KeyValueStore ignored = open(clock)) {
            assertThatThrownBy(() -> open(clock)).isInstanceOf(StorageException.class).hasMessageContaining("lock");
        }
    }
}
