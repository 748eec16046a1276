package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --event-ttl} (here 5 s): an event is deleted by the server 5–10 s after its last write (kube-apiserver
 * with etcd leases: TTL plus up to 5% lease reuse), watchers see DELETED with the last state, and every write
 * restarts the clock. The windows are checked with timestamps taken around the writes and at the DELETED
 * notification, not with sleeps of exact lengths.
 */
class EventTtlTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Duration LATEST_EXPIRY = Duration.ofSeconds(10);

    private static Cluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start(TTL, config -> config);
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** When a write started and when its answer came, on the monotonic clock. */
    private record Write(long startedNanos, long answeredNanos) {
        static Write timing(Runnable write) {
            long started = System.nanoTime();
            write.run();
            return new Write(started, System.nanoTime());
        }
    }

    @Test
    @SuppressWarnings("try") // the watch only needs to run while the body does
    void eventExpiresFiveToTenSecondsAfterItsWriteAndWatchersSeeDeleted() {
        String namespace = cluster.createNamespace("ttl-expiry");
        KubernetesClient client = cluster.client();
        Map<String, Long> deletedAt = new ConcurrentHashMap<>();
        Map<String, Event> deletedState = new ConcurrentHashMap<>();
        try (Watch ignored = watchDeletions(namespace, deletedAt, deletedState)) {
            Write created = Write.timing(() -> client.v1().events().inNamespace(namespace).resource(
                    TestEvents.aboutPod(namespace, "short-lived", "nginx-pod-test", "Pulled", "pulled")).create());

            await().atMost(Duration.ofSeconds(30)).until(() -> deletedAt.containsKey("short-lived"));

            assertExpiredWithinWindow(created, deletedAt.get("short-lived"));
            assertThat(deletedState.get("short-lived").getReason()).isEqualTo("Pulled");
            assertThat(client.v1().events().inNamespace(namespace).withName("short-lived").get()).isNull();
        }
    }

    @Test
    @SuppressWarnings("try") // the watch only needs to run while the body does
    void everyPatchBeforeExpiryExtendsTheEventsLife() {
        String namespace = cluster.createNamespace("ttl-refresh");
        KubernetesClient client = cluster.client();
        Map<String, Long> deletedAt = new ConcurrentHashMap<>();
        Map<String, Event> deletedState = new ConcurrentHashMap<>();
        try (Watch ignored = watchDeletions(namespace, deletedAt, deletedState)) {
            Write created = Write.timing(() -> client.v1().events().inNamespace(namespace).resource(
                    TestEvents.aboutPod(namespace, "repeating", "nginx-pod-test", "BackOff", "back-off")).create());

            // A kubelet-style count patch every 3 s, well before each expiry; the last one is past the latest
            // moment (10 s) the event could have lived without them, so its success shows the life was extended.
            Write last = created;
            for (int count = 2; count <= 5; count++) {
                pauseUntil(created.answeredNanos() + Duration.ofSeconds(3L * (count - 1)).toNanos());
                int patchedCount = count;
                last = Write.timing(() -> client.v1().events().inNamespace(namespace).withName("repeating")
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"count\":" + patchedCount + "}"));
                assertThat(deletedAt).as("deleted before patch %d", count).doesNotContainKey("repeating");
            }
            assertThat(Duration.ofNanos(last.startedNanos() - created.answeredNanos())).isGreaterThan(LATEST_EXPIRY);

            await().atMost(Duration.ofSeconds(30)).until(() -> deletedAt.containsKey("repeating"));

            assertExpiredWithinWindow(last, deletedAt.get("repeating"));
            assertThat(deletedState.get("repeating").getCount()).as("the DELETED object is the last state")
                    .isEqualTo(5);
        }
    }

    private static Watch watchDeletions(String namespace, Map<String, Long> deletedAt, Map<String, Event> state) {
        return cluster.client().v1().events().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Event event) {
                if (action == Action.DELETED) {
                    long now = System.nanoTime();
                    state.put(event.getMetadata().getName(), event);
                    deletedAt.put(event.getMetadata().getName(), now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private static void assertExpiredWithinWindow(Write lastWrite, long deletedNanos) {
        Supplier<String> timings = () -> "write started " + lastWrite.startedNanos() + ", answered "
                + lastWrite.answeredNanos() + ", DELETED seen " + deletedNanos;
        assertThat(Duration.ofNanos(deletedNanos - lastWrite.startedNanos())).as(timings.get())
                .isGreaterThanOrEqualTo(TTL);
        assertThat(Duration.ofNanos(deletedNanos - lastWrite.answeredNanos())).as(timings.get())
                .isLessThanOrEqualTo(LATEST_EXPIRY);
    }

    /** Pacing between writes (not a wait for a result). */
    private static void pauseUntil(long nanoTime) {
        long remaining = nanoTime - System.nanoTime();
        if (remaining > 0) {
            try {
                Thread.sleep(Duration.ofNanos(remaining).toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
