package io.kevents.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.Registry;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChangeCacheTest {

    private final ManualClock clock = new ManualClock();
    private final KeyValueStore store = MemoryStore.open(clock);
    private final Registry registry = Registry.standard(prefix -> store, clock, Duration.ofHours(1));
    private final Registry.Served pods = registry.find("", "v1", "pods").orElseThrow();
    private final ChangeCache cache = new ChangeCache(pods.type(), pods.store());

    @AfterEach
    void close() {
        store.close();
    }

    private static KeyValue pod(String name, long revision) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
        return new KeyValue("/registry/pods/default/" + name, json.getBytes(StandardCharsets.UTF_8), revision,
                revision);
    }

    @Test
    void watchesCatchingUpShareTheDecodingOfAChangeReadAgainFromTheLog() {
        ChangeCache.Change first = cache.get(pod("a", 7));
        // A copy of the same change, as a watch reading the log gets it.
        ChangeCache.Change again = cache.get(pod("a", 7));
        assertThat(again).isSameAs(first);
        // And the watch event is serialized once for every watch that sends it.
        assertThat(first.event("ADDED")).isSameAs(first.event("ADDED"));
    }

    @Test
    void aChangeThatTookTheSlotOfAnOlderOneIsDecodedForItself() {
        ChangeCache.Change old = cache.get(pod("a", 7));
        // 8192 revisions later the ring slot is the same.
        ChangeCache.Change newer = cache.get(pod("b", 7 + 8192));
        assertThat(newer).isNotSameAs(old);
        assertThat(newer.served().path("metadata").path("name").asString()).isEqualTo("b");
        assertThat(cache.get(pod("a", 7)).served().path("metadata").path("name").asString()).isEqualTo("a");
    }

    @Test
    void theWatchEventWrapsTheServedObjectWithItsType() {
        ChangeCache.Change change = cache.get(pod("a", 7));
        var event = Json.parseObject(change.event("MODIFIED").json());
        assertThat(event.path("type").asString()).isEqualTo("MODIFIED");
        assertThat(event.path("object")).isEqualTo(change.served());
        assertThat(event.path("object").path("metadata").path("resourceVersion").asString()).isEqualTo("7");
    }
}
