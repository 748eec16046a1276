package io.kevents.storage.testing;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WriteResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link KeyValueStore} must have, run unchanged against each implementation (in-memory,
 * embedded, etcd, and any store another module adds): subclasses only say how to get a store and how time passes.
 *
 * <p>Every test works under its own random prefix, so a subclass may share one server between tests. Revisions are
 * compared with revisions read in the same test, never with constants. Concurrent writes may share a revision (etcd
 * commits grouped writes in one transaction); sequential writes never do.
 */
@SuppressWarnings("try") // watches held open only for the scope of a try block
public abstract class KeyValueStoreConformance {

    /** How long any asynchronous expectation may take. */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A unique prefix for the running test, shaped like the API server's keys. */
    protected String prefix;

    /** The store under test; the subclass owns its life cycle. */
    protected abstract KeyValueStore store();

    /** A TTL short enough for a test; etcd's shortest useful lease is about two seconds. */
    protected abstract Duration shortTtl();

    /** Moves time forward by {@code step} where time is simulated (a manual clock); nothing where it is real. */
    protected abstract void passTime(Duration step);

    @BeforeEach
    void newPrefix() {
        prefix = "/registry/conformance/" + UUID.randomUUID() + "/";
    }

    // ---------------------------------------------------------------- helpers

    protected static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + PATIENCE, e);
        }
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    protected KeyValue created(String key, String value) {
        return written(store().create(key, bytes(value), Attributes.NONE, Duration.ZERO));
    }

    protected static KeyValue written(CompletableFuture<WriteResult> write) {
        WriteResult r = join(write);
        assertThat(r).isInstanceOf(WriteResult.Written.class);
        return ((WriteResult.Written) r).kv();
    }

    protected long revision() {
        return join(store().currentRevision());
    }

    protected Optional<KeyValue> get(String key) {
        return join(store().get(key));
    }

    private static List<String> keys(ListResult r) {
        return r.items().stream().map(KeyValue::key).toList();
    }

    // ---------------------------------------------------------------- writes

    @Test
    void createAssignsIncreasingRevisionsAndRefusesAnExistingKey() {
        long before = revision();
        KeyValue a = created(prefix + "a", "one");
        KeyValue b = created(prefix + "b", "two");

        assertThat(a.modRevision()).isGreaterThan(before);
        assertThat(a.createRevision()).isEqualTo(a.modRevision());
        assertThat(b.modRevision()).isGreaterThan(a.modRevision());
        assertThat(revision()).isGreaterThanOrEqualTo(b.modRevision());
        assertThat(get(prefix + "a")).hasValueSatisfying(kv -> {
            assertThat(text(kv.value())).isEqualTo("one");
            assertThat(kv.modRevision()).isEqualTo(a.modRevision());
            assertThat(kv.createRevision()).isEqualTo(a.createRevision());
        });

        WriteResult again = join(store().create(prefix + "a", bytes("other"), Attributes.NONE, Duration.ZERO));
        assertThat(again).isInstanceOfSatisfying(WriteResult.AlreadyExists.class, r -> {
            assertThat(r.current().modRevision()).isEqualTo(a.modRevision());
            assertThat(text(r.current().value())).isEqualTo("one");
        });
        assertThat(text(get(prefix + "a").orElseThrow().value())).isEqualTo("one");
        assertThat(get(prefix + "missing")).isEmpty();
    }

    @Test
    void updateIsCompareAndSwapOnModRevision() {
        String key = prefix + "pod";
        KeyValue v1 = created(key, "v1");

        KeyValue v2 = written(store().update(key, v1.modRevision(), bytes("v2"), Attributes.NONE, Duration.ZERO));
        assertThat(v2.modRevision()).isGreaterThan(v1.modRevision());
        assertThat(v2.createRevision()).isEqualTo(v1.createRevision());
        assertThat(text(v2.value())).isEqualTo("v2");

        WriteResult stale = join(store().update(key, v1.modRevision(), bytes("lost"), Attributes.NONE, Duration.ZERO));
        assertThat(stale).isInstanceOfSatisfying(WriteResult.Conflict.class, c -> {
            assertThat(c.current().modRevision()).isEqualTo(v2.modRevision());
            assertThat(text(c.current().value())).isEqualTo("v2");
        });

        KeyValue v3 = written(store().update(key, KeyValueStore.ANY_REVISION, bytes("v3"), Attributes.NONE,
                Duration.ZERO));
        assertThat(v3.modRevision()).isGreaterThan(v2.modRevision());
        assertThat(text(get(key).orElseThrow().value())).isEqualTo("v3");

        assertThat(join(store().update(prefix + "absent", 5, bytes("x"), Attributes.NONE, Duration.ZERO)))
                .isEqualTo(new WriteResult.NotFound(prefix + "absent"));
        assertThat(join(store().update(prefix + "absent", KeyValueStore.ANY_REVISION, bytes("x"), Attributes.NONE,
                Duration.ZERO))).isEqualTo(new WriteResult.NotFound(prefix + "absent"));
        assertThat(get(prefix + "absent")).isEmpty();
    }

    @Test
    void deleteIsCompareAndSwapAndReturnsTheDeletedValue() {
        String key = prefix + "doomed";
        KeyValue v1 = created(key, "v1");
        KeyValue v2 = written(store().update(key, v1.modRevision(), bytes("v2"), Attributes.NONE, Duration.ZERO));

        assertThat(join(store().delete(key, v1.modRevision())))
                .isInstanceOfSatisfying(WriteResult.Conflict.class,
                        c -> assertThat(c.current().modRevision()).isEqualTo(v2.modRevision()));

        KeyValue deleted = written(store().delete(key, v2.modRevision()));
        assertThat(text(deleted.value())).isEqualTo("v2");
        assertThat(deleted.modRevision()).isGreaterThan(v2.modRevision());
        assertThat(deleted.createRevision()).isEqualTo(v1.createRevision());
        assertThat(get(key)).isEmpty();
        assertThat(join(store().delete(key, KeyValueStore.ANY_REVISION))).isEqualTo(new WriteResult.NotFound(key));

        KeyValue reborn = created(key, "v3");
        assertThat(reborn.createRevision()).isGreaterThan(deleted.modRevision());
        KeyValue gone = written(store().delete(key, KeyValueStore.ANY_REVISION));
        assertThat(text(gone.value())).isEqualTo("v3");
    }

    // ---------------------------------------------------------------- lists

    @Test
    void listReturnsTheKeysUnderThePrefixInByteOrder() {
        for (String k : List.of("a", "B", "a/b", "~", "\u00e9", "a0")) {
            created(prefix + k, k);
        }
        String outside = prefix.substring(0, prefix.length() - 1);
        created(outside, "the prefix without its slash");
        created(outside + "x", "a sibling");

        ListResult all = join(store().list(prefix, ListOptions.ALL));
        assertThat(keys(all)).containsExactly(prefix + "B", prefix + "a", prefix + "a/b", prefix + "a0", prefix + "~",
                prefix + "\u00e9");
        assertThat(all.hasMore()).isFalse();
        assertThat(all.revision()).isGreaterThanOrEqualTo(get(prefix + "a0").orElseThrow().modRevision());
        assertThat(join(store().list(prefix + "nothing/", ListOptions.ALL)).items()).isEmpty();
    }

    @Test
    void listPagesAllReadTheRevisionOfTheFirstPage() {
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String key = prefix + String.format("k%02d", i);
            created(key, "v1");
            original.add(key);
        }
        ListResult page1 = join(store().list(prefix, ListOptions.limit(10)));
        assertThat(keys(page1)).isEqualTo(original.subList(0, 10));
        assertThat(page1.nextStartKey()).isEqualTo(original.get(10));

        // Changes after the first page must not show in the following pages.
        written(store().delete(prefix + "k12", KeyValueStore.ANY_REVISION));
        written(store().update(prefix + "k15", KeyValueStore.ANY_REVISION, bytes("v2"), Attributes.NONE,
                Duration.ZERO));
        written(store().delete(prefix + "k05", KeyValueStore.ANY_REVISION));
        created(prefix + "k30", "v1");

        ListResult page2 = join(store().list(prefix, new ListOptions(page1.revision(), page1.nextStartKey(), 10,
                Map.of())));
        assertThat(page2.revision()).isEqualTo(page1.revision());
        assertThat(keys(page2)).isEqualTo(original.subList(10, 20));
        assertThat(page2.items()).allSatisfy(kv -> assertThat(text(kv.value())).isEqualTo("v1"));
        ListResult page3 = join(store().list(prefix, new ListOptions(page1.revision(), page2.nextStartKey(), 10,
                Map.of())));
        assertThat(keys(page3)).isEqualTo(original.subList(20, 25));
        assertThat(page3.hasMore()).isFalse();

        ListResult now = join(store().list(prefix, ListOptions.ALL));
        assertThat(now.revision()).isGreaterThan(page1.revision());
        assertThat(keys(now)).hasSize(24).contains(prefix + "k30").doesNotContain(prefix + "k12", prefix + "k05");
        assertThat(now.items()).filteredOn(kv -> kv.key().equals(prefix + "k15"))
                .singleElement().satisfies(kv -> assertThat(text(kv.value())).isEqualTo("v2"));
    }

    @Test
    void attributeFilterNeverLosesAMatchingKey() {
        Set<String> podA = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            String uid = i % 3 == 0 ? "uid-a" : "uid-b";
            String key = prefix + "ev" + i;
            // The value names the uid, so the test can apply the full selector as the API server would.
            written(store().create(key, bytes(uid), Attributes.of("involvedObject.uid", uid,
                    "involvedObject.kind", "Pod"), Duration.ZERO));
            if (uid.equals("uid-a")) {
                podA.add(key);
            }
        }
        Map<String, String> selector = Map.of("involvedObject.uid", "uid-a", "involvedObject.kind", "Pod");
        Set<String> found = new HashSet<>();
        ListResult page = join(store().list(prefix, new ListOptions(0, null, 2, selector)));
        long revision = page.revision();
        while (true) {
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            page.items().stream().filter(kv -> text(kv.value()).equals("uid-a")).forEach(kv -> found.add(kv.key()));
            if (!page.hasMore()) {
                break;
            }
            page = join(store().list(prefix, new ListOptions(revision, page.nextStartKey(), 2, selector)));
        }
        assertThat(found).isEqualTo(podA);
    }

    // ---------------------------------------------------------------- watches

    @Test
    void watchReplaysHistoryFromAnOldRevisionThenFollowsLiveChanges() {
        long start = revision();
        KeyValue a1 = created(prefix + "a", "1");
        KeyValue a2 = written(store().update(prefix + "a", a1.modRevision(), bytes("2"), Attributes.NONE,
                Duration.ZERO));
        KeyValue b = created(prefix + "b", "b");
        created("/registry/elsewhere/" + UUID.randomUUID(), "not watched");
        KeyValue aDeleted = written(store().delete(prefix + "a", a2.modRevision()));

        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store().watch(prefix, start, listener)) {
            await().atMost(PATIENCE).until(() -> listener.events().size() >= 4);
            KeyValue c = created(prefix + "c", "live");
            await().atMost(PATIENCE).until(() -> listener.events().size() >= 5);

            List<WatchEvent> events = listener.events();
            assertThat(events).hasSize(5);
            assertThat(events).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.PUT,
                    WatchEvent.Type.PUT, WatchEvent.Type.DELETE, WatchEvent.Type.PUT);
            assertThat(events).extracting(WatchEvent::revision).containsExactly(a1.modRevision(), a2.modRevision(),
                    b.modRevision(), aDeleted.modRevision(), c.modRevision());
            assertThat(events).extracting(WatchEvent::created).containsExactly(true, false, true, false, true);
            assertThat(events).extracting(e -> text(e.kv().value())).containsExactly("1", "2", "b", "2", "live");
            assertThat(events.get(3).kv().modRevision()).isEqualTo(aDeleted.modRevision());
            assertThat(events.get(3).kv().key()).isEqualTo(prefix + "a");
        }
        await().atMost(PATIENCE).until(() -> listener.closed().isDone());
        assertThat(listener.closed().join()).isNull();
        assertThat(listener.overlapped()).isFalse();

        RecordingListener fromMiddle = new RecordingListener();
        try (Watch ignored = store().watch(prefix, b.modRevision(), fromMiddle)) {
            await().atMost(PATIENCE).until(() -> fromMiddle.events().size() >= 2);
            assertThat(fromMiddle.events()).extracting(WatchEvent::revision)
                    .containsExactly(aDeleted.modRevision(), get(prefix + "c").orElseThrow().modRevision());
        }
    }

    @Test
    void closedWatchGetsNoMoreEvents() {
        RecordingListener listener = new RecordingListener();
        Watch watch = store().watch(prefix, revision(), listener);
        created(prefix + "first", "1");
        await().atMost(PATIENCE).until(() -> listener.events().size() == 1);
        watch.close();
        await().atMost(PATIENCE).until(() -> listener.closed().isDone());
        assertThat(listener.closed().join()).isNull();
        long beforeSecond = revision();
        created(prefix + "second", "2");
        RecordingListener control = new RecordingListener();
        try (Watch ignored = store().watch(prefix, beforeSecond, control)) {
            await().atMost(PATIENCE).until(() -> control.events().size() == 1);
        }
        assertThat(listener.events()).hasSize(1);
    }

    // ---------------------------------------------------------------- compaction

    @Test
    void compactionMakesOlderRevisionsUnreadableButKeepsTheCurrentState() {
        KeyValue a = created(prefix + "a", "1");
        long old = a.modRevision();
        created(prefix + "b", "2");
        written(store().update(prefix + "a", KeyValueStore.ANY_REVISION, bytes("3"), Attributes.NONE, Duration.ZERO));
        written(store().delete(prefix + "b", KeyValueStore.ANY_REVISION));
        created(prefix + "c", "4");
        long compactAt = revision();
        join(store().compact(compactAt));

        assertThatThrownBy(() -> join(store().list(prefix, new ListOptions(old, null, 0, Map.of()))))
                .isInstanceOfSatisfying(StorageException.Compacted.class,
                        e -> assertThat(e.requestedRevision()).isEqualTo(old));

        RecordingListener tooOld = new RecordingListener();
        store().watch(prefix, old, tooOld);
        await().atMost(PATIENCE).until(() -> tooOld.closed().isDone());
        assertThat(tooOld.closed().join()).isInstanceOf(StorageException.Compacted.class);
        assertThat(tooOld.events()).isEmpty();

        ListResult now = join(store().list(prefix, ListOptions.ALL));
        assertThat(keys(now)).containsExactly(prefix + "a", prefix + "c");
        assertThat(text(now.items().get(0).value())).isEqualTo("3");
        assertThat(get(prefix + "b")).isEmpty();

        RecordingListener fromCompaction = new RecordingListener();
        try (Watch ignored = store().watch(prefix, compactAt, fromCompaction)) {
            KeyValue d = created(prefix + "d", "5");
            await().atMost(PATIENCE).until(() -> fromCompaction.events().size() == 1);
            assertThat(fromCompaction.events().get(0).revision()).isEqualTo(d.modRevision());
        }
    }

    // ---------------------------------------------------------------- TTL

    @Test
    void ttlDeletesTheKeyAndWatchersSeeTheDeletion() {
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = store().watch(prefix, revision(), listener)) {
            Duration ttl = shortTtl();
            written(store().create(prefix + "event", bytes("last words"), Attributes.NONE, ttl));
            created(prefix + "pod", "no ttl");
            KeyValue refreshed = written(store().create(prefix + "refreshed", bytes("r"), Attributes.NONE, ttl));
            // A later write replaces the TTL; this one removes it.
            written(store().update(prefix + "refreshed", refreshed.modRevision(), bytes("kept"), Attributes.NONE,
                    Duration.ZERO));

            passTime(ttl);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                passTime(Duration.ofSeconds(1));
                return get(prefix + "event").isEmpty();
            });
            await().atMost(PATIENCE).until(() -> listener.events().stream()
                    .anyMatch(e -> e.type() == WatchEvent.Type.DELETE));
            WatchEvent deletion = listener.events().stream().filter(e -> e.type() == WatchEvent.Type.DELETE)
                    .findFirst().orElseThrow();
            assertThat(deletion.kv().key()).isEqualTo(prefix + "event");
            assertThat(text(deletion.kv().value())).isEqualTo("last words");
            assertThat(get(prefix + "pod")).isPresent();
            assertThat(get(prefix + "refreshed")).hasValueSatisfying(kv -> assertThat(text(kv.value()))
                    .isEqualTo("kept"));
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentWritersNeverLoseAWrite() throws Exception {
        int threads = 8;
        int createsPerThread = 40;
        int incrementsPerThread = 15;
        String counter = prefix + "counter";
        created(counter, "0");
        Set<Long> counterRevisions = ConcurrentHashMap.newKeySet();
        Set<String> counterValues = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    List<CompletableFuture<WriteResult>> creates = new ArrayList<>();
                    for (int i = 0; i < createsPerThread; i++) {
                        creates.add(store().create(prefix + "t" + thread + "/" + i, bytes("x"), Attributes.NONE,
                                Duration.ZERO));
                    }
                    for (int i = 0; i < incrementsPerThread; i++) {
                        while (true) {
                            KeyValue current = get(counter).orElseThrow();
                            int next = Integer.parseInt(text(current.value())) + 1;
                            WriteResult r = join(store().update(counter, current.modRevision(),
                                    bytes(Integer.toString(next)), Attributes.NONE, Duration.ZERO));
                            if (r instanceof WriteResult.Written w) {
                                assertThat(counterRevisions.add(w.kv().modRevision())).isTrue();
                                assertThat(counterValues.add(text(w.kv().value()))).isTrue();
                                break;
                            }
                            assertThat(r).isInstanceOf(WriteResult.Conflict.class);
                        }
                    }
                    creates.forEach(c -> assertThat(join(c)).isInstanceOf(WriteResult.Written.class));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(PATIENCE.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int increments = threads * incrementsPerThread;
        assertThat(text(get(counter).orElseThrow().value())).isEqualTo(Integer.toString(increments));
        assertThat(counterValues).hasSize(increments);
        ListResult all = join(store().list(prefix, ListOptions.ALL));
        assertThat(all.items()).hasSize(threads * createsPerThread + 1);
    }
}
