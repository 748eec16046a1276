package io.kevents.cli;

import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.time.SystemClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./kevents server}: the Kubernetes-compatible API server alone. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes-compatible API server (events, pods, nodes, namespaces, configmaps, leases)"
                + " and write <data-dir>/kubeconfig for kubectl.")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".kevents", description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "6443", description = "Port on 127.0.0.1; 0 for any (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--kubernetes-version", defaultValue = "1.32.0",
            description = "Version reported by /version (default: ${DEFAULT-VALUE}).")
    String kubernetesVersion;

    @Override
    public Integer call() throws InterruptedException {
        SystemClock clock = new SystemClock("kevents-server-timers");
        String store = storage != null ? storage : "embedded:" + dataDir.toAbsolutePath().resolve("db");
        ApiServerConfig config = ApiServerConfig.defaults(port, clock).withKubernetesVersion(kubernetesVersion);
        StandaloneApiServer server = StandaloneApiServer.start(new StandaloneApiServer.Options(dataDir, store,
                eventsStorage, eventTtl, config));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            clock.close();
            stopped.countDown();
        }, "kevents-shutdown"));
        System.out.printf("kevents API server on %s (storage %s%s, event TTL %s)%n", server.server().url(), store,
                eventsStorage == null ? "" : ", events in " + eventsStorage, eventTtl);
        System.out.printf("  export KUBECONFIG=%s%n  kubectl get events -A%n", server.kubeconfig().toAbsolutePath());
        stopped.await();
        return 0;
    }
}
