package io.kevents.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each key to the store that owns its prefix, so that events can live in a store of their own, as with
 * Kubernetes' {@code --etcd-servers-overrides=/events#...}: for example pods in the embedded store and events in
 * etcd, or two etcd clusters.
 *
 * <p><b>Revisions are per store, hence per resource, not global.</b> Each store counts its own revisions, so a
 * revision read from one prefix means nothing for another: a list's revision is only valid for continuing that list
 * and for watching the same prefix. Kubernetes behaves the same with a separate events etcd. Therefore a list or
 * watch prefix must lie within one store (listing {@code /registry/} across routes is refused);
 * {@link #currentRevision()} is the default store's ({@link #currentRevision(String)} asks the right one); and
 * {@link #compact(long)} is refused: compact each of {@link #stores()} at a revision of its own.
 *
 * <p>The router owns its stores: closing it closes each once.
 */
public final class StoreRouter implements KeyValueStore {

    private final KeyValueStore defaultStore;
    /** Route prefixes, longest first, so the most specific route wins. */
    private final List<Map.Entry<String, KeyValueStore>> routes;

    private StoreRouter(KeyValueStore defaultStore, Map<String, KeyValueStore> routes) {
        this.defaultStore = defaultStore;
        List<Map.Entry<String, KeyValueStore>> sorted = new ArrayList<>(routes.entrySet());
        sorted.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
        this.routes = List.copyOf(sorted);
    }

    /** Starts a router whose keys go to {@code defaultStore} unless a route says otherwise. */
    public static Builder builder(KeyValueStore defaultStore) {
        return new Builder(defaultStore);
    }

    /** Collects routes. */
    public static final class Builder {
        private final KeyValueStore defaultStore;
        private final Map<String, KeyValueStore> routes = new LinkedHashMap<>();

        private Builder(KeyValueStore defaultStore) {
            this.defaultStore = defaultStore;
        }

        /**
         * Sends keys starting with {@code prefix} (e.g. {@code /registry/events/}) to {@code store}. End the prefix
         * with {@code /} so that {@code /registry/events/} does not also catch {@code /registry/eventsfoo}.
         */
        public Builder route(String prefix, KeyValueStore store) {
            Keys.bytes(prefix);
            if (routes.putIfAbsent(prefix, store) != null) {
                throw new IllegalArgumentException("prefix routed twice: " + prefix);
            }
            return this;
        }

        public StoreRouter build() {
            return new StoreRouter(defaultStore, routes);
        }
    }

    /** The store that owns {@code key}. */
    public KeyValueStore storeFor(String key) {
        for (Map.Entry<String, KeyValueStore> r : routes) {
            if (key.startsWith(r.getKey())) {
                return r.getValue();
            }
        }
        return defaultStore;
    }

    /**
     * The store that owns every key under {@code prefix}.
     *
     * @throws IllegalArgumentException if keys under {@code prefix} belong to more than one store
     */
    public KeyValueStore storeForPrefix(String prefix) {
        KeyValueStore owner = storeFor(prefix);
        for (Map.Entry<String, KeyValueStore> r : routes) {
            if (r.getKey().startsWith(prefix) && r.getKey().length() > prefix.length() && r.getValue() != owner) {
                throw new IllegalArgumentException("prefix " + prefix + " spans stores (route " + r.getKey()
                        + "); list and watch within one resource");
            }
        }
        return owner;
    }

    /** Every distinct store, the default first. */
    public List<KeyValueStore> stores() {
        Set<KeyValueStore> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        List<KeyValueStore> out = new ArrayList<>();
        distinct.add(defaultStore);
        out.add(defaultStore);
        for (Map.Entry<String, KeyValueStore> r : routes) {
            if (distinct.add(r.getValue())) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /** The default store's revision; see the class comment. */
    @Override
    public CompletableFuture<Long> currentRevision() {
        return defaultStore.currentRevision();
    }

    /** The current revision of the store that owns {@code prefix}. */
    public CompletableFuture<Long> currentRevision(String prefix) {
        return storeForPrefix(prefix).currentRevision();
    }

    @Override
    public CompletableFuture<Optional<KeyValue>> get(String key) {
        return storeFor(key).get(key);
    }

    @Override
    public CompletableFuture<WriteResult> create(String key, byte[] value, Attributes attributes, Duration ttl) {
        return storeFor(key).create(key, value, attributes, ttl);
    }

    @Override
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value,
                                                 Attributes attributes, Duration ttl) {
        return storeFor(key).update(key, expectedModRevision, value, attributes, ttl);
    }

    @Override
    public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
        return storeFor(key).delete(key, expectedModRevision);
    }

    @Override
    public CompletableFuture<ListResult> list(String prefix, ListOptions options) {
        return storeForPrefix(prefix).list(prefix, options);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        return storeForPrefix(prefix).watch(prefix, afterRevision, listener);
    }

    /** Refused: revisions differ per store. Compact each of {@link #stores()} instead. */
    @Override
    public CompletableFuture<Void> compact(long revision) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "a router has no global revision: compact each of stores() at its own revision"));
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (KeyValueStore s : stores()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
