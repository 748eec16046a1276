package io.kevents.storage;

import io.kevents.storage.etcd.EtcdStore;
import io.kevents.storage.memory.MemoryStore;
import io.kevents.storage.rocksdb.EmbeddedStore;
import io.kevents.time.Clock;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens stores from URIs, for configuration files and command lines:
 * <ul>
 *   <li>{@code embedded:/var/lib/kevents/db} (or {@code rocksdb:...}): the embedded durable store in that
 *       directory, created if needed;</li>
 *   <li>{@code etcd:http://127.0.0.1:2379[,http://...]}: an etcd cluster;</li>
 *   <li>{@code memory:}: an in-memory store (tests only: nothing survives the process).</li>
 * </ul>
 */
public final class Stores {

    private Stores() {
    }

    /**
     * Opens the store named by {@code uri}.
     *
     * @throws IllegalArgumentException for an unknown scheme or a malformed URI
     */
    public static KeyValueStore open(String uri, Clock clock) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("store URI needs a scheme (embedded:, etcd:, memory:): " + uri);
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        return switch (scheme) {
            case "memory" -> MemoryStore.open(clock);
            case "embedded", "rocksdb" -> {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("embedded store URI needs a directory: " + uri);
                }
                yield EmbeddedStore.open(Path.of(rest), clock);
            }
            case "etcd" -> EtcdStore.connect(endpoints(rest), clock);
            default -> throw new IllegalArgumentException("unknown store scheme " + scheme + ": " + uri);
        };
    }

    /**
     * Opens a {@link StoreRouter}: {@code defaultUri} for everything, and each of {@code overrides} (key prefix to
     * store URI, e.g. {@code "/registry/events/" -> "etcd:http://127.0.0.1:2381"}) for its prefix.
     */
    public static StoreRouter openRouted(String defaultUri, Map<String, String> overrides, Clock clock) {
        List<KeyValueStore> opened = new ArrayList<>();
        try {
            KeyValueStore defaultStore = open(defaultUri, clock);
            opened.add(defaultStore);
            StoreRouter.Builder router = StoreRouter.builder(defaultStore);
            for (Map.Entry<String, String> o : overrides.entrySet()) {
                KeyValueStore store = open(o.getValue(), clock);
                opened.add(store);
                router.route(o.getKey(), store);
            }
            return router.build();
        } catch (RuntimeException e) {
            opened.forEach(KeyValueStore::close);
            throw e;
        }
    }

    private static List<URI> endpoints(String list) {
        List<URI> endpoints = new ArrayList<>();
        for (String s : list.split(",")) {
            if (!s.isBlank()) {
                URI u = URI.create(s.trim());
                if (u.getHost() == null || u.getPort() < 0) {
                    throw new IllegalArgumentException("etcd endpoint needs host and port: " + s);
                }
                endpoints.add(u);
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd store URI needs at least one endpoint: etcd:" + list);
        }
        return endpoints;
    }
}
