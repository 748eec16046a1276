package io.kevents.cli;

import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.time.SystemClock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./kevents server}: the Kubernetes-compatible API server alone. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Kubernetes-compatible API server (events, pods, nodes, namespaces, configmaps, leases)"
                + " and write <data-dir>/kubeconfig for kubectl.")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    ApiServerOptions api;

    @Option(names = "--kubernetes-version", defaultValue = "1.32.0",
            description = "Version reported by /version (default: ${DEFAULT-VALUE}).")
    String kubernetesVersion;

    @Override
    public Integer call() throws InterruptedException {
        SystemClock clock = new SystemClock("kevents-server-timers");
        StandaloneApiServer server = api.start(clock, kubernetesVersion);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            clock.close();
            stopped.countDown();
        }, "kevents-shutdown"));
        System.out.printf("kevents API server on %s (storage %s%s, event TTL %s)%n", server.server().url(),
                api.store(), api.eventsStorage == null ? "" : ", events in " + api.eventsStorage, api.eventTtl);
        System.out.printf("  export KUBECONFIG=%s%n  kubectl get events -A%n", server.kubeconfig().toAbsolutePath());
        stopped.await();
        return 0;
    }
}
