package io.kevents.apiserver;

import io.kevents.apiserver.http.PatchFunction;
import io.kevents.apiserver.registry.Registry;
import io.kevents.storage.StoreRouter;
import io.kevents.storage.Stores;
import io.kevents.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API server with its storage, as {@code ./kevents server} and {@code ./kevents up} run it: stores opened from
 * URIs (events optionally in their own store, like {@code --etcd-servers-overrides=/events#...}), the standard
 * resources, and a kubeconfig written for kubectl. Closing it stops the server, then the stores.
 */
public final class StandaloneApiServer implements AutoCloseable {

    /** Where events are kept, for {@code --events-storage}. */
    public static final String EVENTS_PREFIX = "/registry/events/";

    private final StoreRouter stores;
    private final ApiServer server;
    private final Path kubeconfig;

    /**
     * @param dataDir       where the kubeconfig (and, by default, the embedded store) go
     * @param storage       store URI for everything ({@code embedded:DIR}, {@code etcd:http://...}, {@code memory:})
     * @param eventsStorage store URI for events only, or {@code null} to keep them with the rest
     * @param eventTtl      {@code --event-ttl}
     */
    public record Options(Path dataDir, String storage, String eventsStorage, Duration eventTtl,
                          ApiServerConfig server) {
    }

    private StandaloneApiServer(StoreRouter stores, ApiServer server, Path kubeconfig) {
        this.stores = stores;
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    /** Opens the stores, starts the server with the standard patch engine and writes the kubeconfig. */
    public static StandaloneApiServer start(Options options) {
        return start(options, io.kevents.apiserver.http.Patching.kubernetes());
    }

    /** Opens the stores, starts the server and writes {@code <dataDir>/kubeconfig}. */
    public static StandaloneApiServer start(Options options, PatchFunction patcher) {
        Clock clock = options.server().clock();
        Map<String, String> overrides = new LinkedHashMap<>();
        if (options.eventsStorage() != null && !options.eventsStorage().isBlank()) {
            overrides.put(EVENTS_PREFIX, options.eventsStorage());
        }
        StoreRouter stores = Stores.openRouted(options.storage(), overrides, clock);
        try {
            Registry registry = Registry.standard(stores::storeForPrefix, clock, options.eventTtl());
            ApiServer server = ApiServer.start(options.server(), registry, patcher);
            Path kubeconfig = writeKubeconfig(options.dataDir(), server.url());
            return new StandaloneApiServer(stores, server, kubeconfig);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    /** The running server. */
    public ApiServer server() {
        return server;
    }

    /** The kubeconfig written for kubectl. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            stores.close();
        }
    }

    /** Writes a kubeconfig pointing at {@code url} (plain HTTP on loopback; no credentials needed). */
    public static Path writeKubeconfig(Path dataDir, String url) {
        Path file = dataDir.resolve("kubeconfig");
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kevents
                  cluster:
                    server: %s
                contexts:
                - name: kevents
                  context:
                    cluster: kevents
                    user: kevents
                    namespace: default
                current-context: kevents
                users:
                - name: kevents
                  user: {}
                """.formatted(url);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
