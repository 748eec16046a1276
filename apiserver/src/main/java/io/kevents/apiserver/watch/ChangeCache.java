package io.kevents.apiserver.watch;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ResourceStore;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.storage.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes each stored change once for all the watches that see it: with a thousand watchers of one resource, a
 * change is parsed, converted and serialized once, not a thousand times. Bounded: only recent changes are kept (a
 * watcher behind by more than that decodes for itself).
 */
public final class ChangeCache {

    private static final int CAPACITY = 4096;

    private final Map<Key, Change> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Change> eldest) {
            return size() > CAPACITY;
        }
    };

    private record Key(String storageKey, long revision, String servedGroupVersion) {
    }

    /** A decoded change in one served version; the trees must not be modified. */
    public static final class Change {
        private final ObjectNode stored;
        private final ObjectNode served;
        private byte[] object;
        private final Map<String, byte[]> events = new HashMap<>(4);

        Change(ObjectNode stored, ObjectNode served) {
            this.stored = stored;
            this.served = served;
        }

        /** The stored form (for selectors). */
        public ObjectNode stored() {
            return stored;
        }

        /** The served form. */
        public ObjectNode served() {
            return served;
        }

        /**
         * {@code {"type":<type>,"object":<served>}}, serialized once per change and type and shared by every watch
         * that sends it (callers must not modify the array).
         */
        public synchronized byte[] event(String type) {
            if (object == null) {
                object = Json.bytes(served);
            }
            return events.computeIfAbsent(type, this::wrap);
        }

        private byte[] wrap(String type) {
            byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
            byte[] event = new byte[head.length + object.length + 1];
            System.arraycopy(head, 0, event, 0, head.length);
            System.arraycopy(object, 0, event, head.length, object.length);
            event[event.length - 1] = '}';
            return event;
        }
    }

    /** The change stored as {@code kv}, decoded for {@code served}. */
    public Change get(KeyValue kv, ResourceType served, ResourceStore store) {
        Key key = new Key(kv.key(), kv.modRevision(), served.groupVersion());
        synchronized (recent) {
            Change cached = recent.get(key);
            if (cached != null) {
                return cached;
            }
        }
        ObjectNode stored = Json.parseObject(kv.value());
        Change change = new Change(stored, store.serve(served, new ResourceStore.StoredObject(stored, kv.modRevision())));
        synchronized (recent) {
            recent.putIfAbsent(key, change);
        }
        return change;
    }
}
