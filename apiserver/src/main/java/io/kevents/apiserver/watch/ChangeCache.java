package io.kevents.apiserver.watch;

import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ResourceStore;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.storage.KeyValue;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes each stored change once for all the watches of one served resource that see it: with a thousand watchers
 * of events, a change is parsed, converted and serialized once, not a thousand times.
 *
 * <p>A ring indexed by revision (every change has a revision of its own), so the watches share decodings as long
 * as they are less than {@value #SLOTS} revisions apart, however far behind the newest change they are. Without
 * locks: a lookup is a few reads, and a lost race only costs a second decoding. A change's identity is final, so a
 * thread that sees one in the ring sees which change it is.
 */
public final class ChangeCache {

    private static final int SLOTS = 8192;

    private final ResourceType served;
    private final ResourceStore store;
    private final Change[] slots = new Change[SLOTS];

    /** A cache of {@code store}'s changes as {@code served}. */
    public ChangeCache(ResourceType served, ResourceStore store) {
        this.served = served;
        this.store = store;
    }

    /**
     * A change in one served version. Its watch events are serialized once; its trees are decoded only when a watch
     * needs them (selectors, tables) and must not be modified. A change without such watches keeps only bytes, so
     * the ring's thousands of recent changes stay small.
     */
    public final class Change {
        private final KeyValue kv;
        private volatile ObjectNode storedTree;
        private volatile ObjectNode servedTree;
        private volatile byte[] object;
        private volatile EncodedWatchEvent added;
        private volatile EncodedWatchEvent modified;
        private volatile EncodedWatchEvent deleted;

        Change(KeyValue kv) {
            this.kv = kv;
        }

        /** The stored form (for selectors). Two threads may both decode it the first time. */
        public ObjectNode stored() {
            ObjectNode tree = storedTree;
            if (tree == null) {
                tree = Json.parseObject(kv.value());
                storedTree = tree;
            }
            return tree;
        }

        /** The served form (for tables). */
        public ObjectNode served() {
            ObjectNode tree = servedTree;
            if (tree == null) {
                tree = serve(stored());
                servedTree = tree;
            }
            return tree;
        }

        private ObjectNode serve(ObjectNode storedTree) {
            return store.serve(served, new ResourceStore.StoredObject(storedTree, kv.modRevision()));
        }

        /**
         * {@code {"type":<type>,"object":<served>}} for ADDED, MODIFIED or DELETED, serialized once per change and
         * type and shared by every watch that sends it. Two threads may both serialize it the first time; they
         * produce the same bytes.
         */
        public EncodedWatchEvent event(String type) {
            return switch (type) {
                case "ADDED" -> added != null ? added : (added = wrap(type));
                case "MODIFIED" -> modified != null ? modified : (modified = wrap(type));
                case "DELETED" -> deleted != null ? deleted : (deleted = wrap(type));
                default -> throw new IllegalArgumentException("not a change's watch event type: " + type);
            };
        }

        private EncodedWatchEvent wrap(String type) {
            byte[] body = object;
            if (body == null) {
                // Trees decoded only for this are not kept.
                ObjectNode tree = servedTree;
                if (tree == null) {
                    ObjectNode source = storedTree;
                    tree = serve(source != null ? source : Json.parseObject(kv.value()));
                }
                body = Json.bytes(tree);
                object = body;
            }
            byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
            byte[] event = new byte[head.length + body.length + 1];
            System.arraycopy(head, 0, event, 0, head.length);
            System.arraycopy(body, 0, event, head.length, body.length);
            event[event.length - 1] = '}';
            return new EncodedWatchEvent(event);
        }
    }

    /** The change stored as {@code kv}, decoded for the served resource. */
    public Change get(KeyValue kv) {
        int slot = (int) (kv.modRevision() & (SLOTS - 1));
        Change cached = slots[slot];
        if (cached != null && cached.kv.modRevision() == kv.modRevision() && cached.kv.key().equals(kv.key())) {
            return cached;
        }
        Change change = new Change(kv);
        slots[slot] = change;
        return change;
    }
}
