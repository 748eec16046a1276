package io.kevents.cli;

import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options {@code server} and {@code up} share: where the API server keeps its data, its port, its event TTL. */
final class ApiServerOptions {

    @Option(names = "--data-dir", defaultValue = ".kevents",
            description = "Data directory; the kubeconfig for kubectl is written there (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "6443",
            description = "API server port on 127.0.0.1; 0 for any (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--storage", description = "Store for everything: embedded:DIR, etcd:http://HOST:PORT[,...] or "
            + "memory: (default: embedded:<data-dir>/db).")
    String storage;

    @Option(names = "--events-storage", description = "Store for events only (like --etcd-servers-overrides=/events#...),"
            + " e.g. etcd:http://127.0.0.1:2379.")
    String eventsStorage;

    @Option(names = "--event-ttl", defaultValue = "1h", converter = GoDuration.class,
            description = "How long events are kept after their last write (default: ${DEFAULT-VALUE}).")
    Duration eventTtl;

    /** The store for everything: {@code --storage}, or the embedded store in the data directory. */
    String store() {
        return storage != null ? storage : "embedded:" + dataDir.toAbsolutePath().resolve("db");
    }

    /** Starts the API server these options describe, reporting {@code kubernetesVersion}. */
    StandaloneApiServer start(Clock clock, String kubernetesVersion) {
        return StandaloneApiServer.start(new StandaloneApiServer.Options(dataDir, store(), eventsStorage, eventTtl,
                ApiServerConfig.defaults(port, clock).withKubernetesVersion(kubernetesVersion)));
    }
}
