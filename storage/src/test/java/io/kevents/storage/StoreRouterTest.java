package io.kevents.storage;

import io.kevents.storage.etcd.EtcdStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.storage.rocksdb.EmbeddedStore;
import io.kevents.storage.testing.EtcdProcess;
import io.kevents.storage.testing.RecordingListener;
import io.kevents.time.ManualClock;
import io.kevents.time.SystemClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class StoreRouterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsGoToTheirOwnStoreAndEverythingElseToTheDefault() {
        ManualClock clock = new ManualClock();
        KeyValueStore main = MemoryStore.open(clock);
        KeyValueStore events = MemoryStore.open(clock);
        try (StoreRouter router = StoreRouter.builder(main).route("/registry/events/", events).build()) {
            join(router.create("/registry/pods/default/a", bytes("pod"), Attributes.NONE, Duration.ZERO));
            join(router.create("/registry/events/default/a.1", bytes("event"), Attributes.NONE, Duration.ZERO));
            join(router.create("/registry/eventsx/default/b", bytes("not an event"), Attributes.NONE, Duration.ZERO));

            assertThat(join(main.get("/registry/pods/default/a"))).isPresent();
            assertThat(join(main.get("/registry/eventsx/default/b"))).isPresent();
            assertThat(join(events.get("/registry/events/default/a.1"))).isPresent();
            assertThat(join(main.get("/registry/events/default/a.1"))).isEmpty();
            assertThat(join(router.get("/registry/events/default/a.1"))).isPresent();

            assertThat(join(router.list("/registry/events/default/", ListOptions.ALL)).items()).hasSize(1);
            assertThat(router.storeForPrefix("/registry/events/")).isSameAs(events);
            assertThat(router.stores()).containsExactly(main, events);
            // Revisions are per store: a prefix spanning both has no meaning.
            assertThatThrownBy(() -> router.list("/registry/", ListOptions.ALL))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spans stores");
            assertThatThrownBy(() -> join(router.compact(1))).hasCauseInstanceOf(UnsupportedOperationException.class);
            assertThat(join(router.currentRevision("/registry/events/"))).isEqualTo(join(events.currentRevision()));
        }
        // Closing the router closed both stores.
        assertThatThrownBy(() -> join(events.currentRevision())).hasCauseInstanceOf(StorageException.class);
        assertThatThrownBy(() -> join(main.currentRevision())).hasCauseInstanceOf(StorageException.class);
    }

    @Test
    void podsInTheEmbeddedStoreAndEventsInEtcd() {
        try (EtcdProcess etcd = EtcdProcess.start();
             SystemClock clock = new SystemClock("router-test");
             StoreRouter router = StoreRouter.builder(EmbeddedStore.open(dir, clock))
                     .route("/registry/events/", EtcdStore.connect(List.of(etcd.clientUrl()), clock))
                     .build()) {
            RecordingListener eventWatch = new RecordingListener();
            long eventsRevision = join(router.currentRevision("/registry/events/"));
            router.watch("/registry/events/", eventsRevision, eventWatch);

            join(router.create("/registry/pods/default/web", bytes("pod"), Attributes.NONE, Duration.ZERO));
            join(router.create("/registry/events/default/web.1", bytes("Scheduled"),
                    Attributes.of("involvedObject.name", "web"), Duration.ofHours(1)));

            assertThat(etcd.etcdctl("get", "--prefix", "/registry/", "--keys-only"))
                    .contains("/registry/events/default/web.1").doesNotContain("/registry/pods/");
            assertThat(join(router.get("/registry/pods/default/web"))).isPresent();
            await().atMost(PATIENCE).until(() -> eventWatch.events().size() == 1);
            assertThat(join(router.list("/registry/events/",
                    ListOptions.withAttributes(Map.of("involvedObject.name", "web")))).items()).hasSize(1);
        }
    }

    @Test
    void storesOpenFromUris() {
        ManualClock clock = new ManualClock();
        try (KeyValueStore memory = Stores.open("memory:", clock);
             KeyValueStore embedded = Stores.open("embedded:" + dir.resolve("db"), clock)) {
            assertThat(join(memory.create("/a", bytes("1"), Attributes.NONE, Duration.ZERO)))
                    .isInstanceOf(WriteResult.Written.class);
            assertThat(join(embedded.create("/a", bytes("1"), Attributes.NONE, Duration.ZERO)))
                    .isInstanceOf(WriteResult.Written.class);
        }
        assertThatThrownBy(() -> Stores.open("postgres://x", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.open("etcd:", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.open("etcd:localhost", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.open("/no/scheme", clock)).isInstanceOf(IllegalArgumentException.class);
        try (StoreRouter router = Stores.openRouted("memory:", Map.of("/registry/events/",
                "embedded:" + dir.resolve("events")), clock)) {
            assertThat(router.stores()).hasSize(2);
        }
    }
}
