package io.kevents.apiserver.registry;

import io.kevents.apiserver.json.Json;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.time.ManualClock;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/** A registry on an in-memory store and a manual clock, with helpers to build objects. */
final class RegistryFixture implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final KeyValueStore store = MemoryStore.open(clock);
    final Registry registry = Registry.standard(prefix -> store, clock, Duration.ofHours(1));

    RegistryFixture() {
        registry.createSystemNamespaces();
    }

    Registry.Served served(String group, String resource) {
        return registry.find(group, "v1", resource).orElseThrow();
    }

    static ObjectNode json(String text) {
        return Json.parseObject(text.replace('\'', '"').getBytes());
    }

    @Override
    public void close() {
        store.close();
    }
}
