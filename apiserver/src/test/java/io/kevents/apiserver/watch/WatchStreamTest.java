package io.kevents.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ListRequest;
import io.kevents.apiserver.registry.Registry;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class WatchStreamTest {

    private final ManualClock clock = new ManualClock();
    private final KeyValueStore store = MemoryStore.open(clock);
    private final Registry registry = Registry.standard(prefix -> store, clock, Duration.ofHours(1));
    private final Registry.Served pods = registry.find("", "v1", "pods").orElseThrow();
    private final ChangeCache changes = new ChangeCache(pods.type(), pods.store());
    private final Collector sink = new Collector();

    @AfterEach
    void close() {
        store.close();
    }

    /** Collects "TYPE name" lines. */
    private static final class Collector implements WatchSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean ended;

        @Override
        public boolean sendAll(List<EncodedWatchEvent> batch) {
            for (EncodedWatchEvent encoded : batch) {
                ObjectNode event = Json.parseObject(encoded.json());
                events.add(event.path("type").asString() + " "
                        + event.path("object").path("metadata").path("name").asString(
                                event.path("object").path("code").asString("")));
            }
            return true;
        }

        @Override
        public void end() {
            ended = true;
        }
    }

    private ObjectNode pod(String name, String phase) {
        ObjectNode pod = Json.parseObject(("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"i\"}]}}").getBytes());
        return pods.store().create(pods.type(), "default", pod, false);
    }

    private void setPhase(String name, String phase) {
        pods.store().mutate(pods.type(), "default", name, "status", false, null, p -> {
            ((ObjectNode) p.path("status")).put("phase", phase);
            return p;
        }, () -> null);
    }

    private WatchStream watch(String fieldSelector, String resourceVersion) {
        WatchStream stream = new WatchStream(pods.type(), pods.store(), changes, "default", new ListRequest(
                LabelSelector.EVERYTHING, FieldSelector.parse(fieldSelector), 0, null, resourceVersion, null), sink,
                false, null, false, clock);
        stream.start(Duration.ofMinutes(30));
        return stream;
    }

    @Test
    void withoutResourceVersionCurrentObjectsComeFirstAsAdded() {
        pod("a", "Pending");
        watch(null, null);
        pod("b", "Pending");
        await().untilAsserted(() -> assertThat(sink.events).containsExactly("ADDED a", "ADDED b"));
    }

    @Test
    void objectsEnteringAndLeavingTheSelectionAreAddedAndDeleted() {
        pod("a", "Pending");
        watch("status.phase=Running", null);
        setPhase("a", "Running");
        setPhase("a", "Running");
        setPhase("a", "Succeeded");
        pods.store().delete(pods.type(), "default", "a", null, null, false);
        await().untilAsserted(() -> assertThat(sink.events).containsExactly("ADDED a", "DELETED a"));
    }

    @Test
    void fromAResourceVersionOnlyLaterChangesComeAndUpdatesAreModified() {
        ObjectNode a = pod("a", "Pending");
        String version = a.path("metadata").path("resourceVersion").asString();
        pod("b", "Pending");
        watch("metadata.namespace=default", version);
        setPhase("a", "Running");
        await().untilAsserted(() -> assertThat(sink.events).containsExactly("ADDED b", "MODIFIED a"));
    }

    @Test
    void theServerEndsTheWatchAtItsTimeout() {
        WatchStream stream = new WatchStream(pods.type(), pods.store(), changes, "default", ListRequest.ALL, sink, false,
                null, false, clock);
        stream.start(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        await().until(() -> sink.ended);
    }

    @Test
    void aCompactedStartRevisionIsA410ErrorEvent() {
        pod("a", "Pending");
        setPhase("a", "Running");
        long current = store.currentRevision().join();
        store.compact(current).join();
        watch(null, "1");
        await().untilAsserted(() -> assertThat(sink.events).containsExactly("ERROR 410"));
        await().until(() -> sink.ended);
    }
}
