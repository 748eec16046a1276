package io.kevents.cli;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.kubelet.HollowNodes;
import io.kevents.kubelet.HollowNodesConfig;
import io.kevents.kubelet.SeedCluster;
import io.kevents.kubelet.image.ImageCatalogue;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.recorder.CloseReport;
import io.kevents.scheduler.Scheduler;
import io.kevents.scheduler.SchedulerConfig;
import io.kevents.time.SystemClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./kevents up}: the whole control plane on one machine: the API server on embedded storage, the scheduler
 * and hollow kubelets, until Ctrl-C; then everything shuts down in order, recorders flushed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the API server, the scheduler and simulated nodes on this machine, and write "
                + "<data-dir>/kubeconfig for kubectl. Stop with Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    /** Cluster profiles. */
    enum Profile {
        /** The seed article's v1.20.1 cluster: k8s-master01 (tainted control plane) and k8s-node01. */
        seed,
        /** A current (1.32) cluster of generic workers. */
        standard
    }

    @Option(names = "--profile", defaultValue = "standard",
            description = "Cluster to create: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Profile profile;

    @Option(names = "--nodes", defaultValue = "-1", description = "Hollow nodes to add (seed: extra workers beside "
            + "the seed's two, default 0; standard: workers, default 3).")
    int nodes;

    @Mixin
    ApiServerOptions api;

    @Option(names = "--kubernetes-version", description = "Kubernetes version to behave as: 1.20 or 1.32 (default: "
            + "1.20.1 for the seed profile, 1.32.0 otherwise).")
    String kubernetesVersion;

    @Override
    public Integer call() throws InterruptedException {
        String version = kubernetesVersion != null ? normalise(kubernetesVersion)
                : profile == Profile.seed ? "1.20.1" : "1.32.0";
        SystemClock clock = new SystemClock("kevents-up-timers");
        StandaloneApiServer server = api.start(clock, version);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(server.server().url()).withRequestTimeout(30_000).build()).build();
        HollowNodes startedNodes = null;
        Scheduler startedScheduler = null;
        try {
            startedNodes = HollowNodes.start(client, kubeletConfig(version, clock), nodeSpecs());
            if (!startedNodes.awaitRegistered(Duration.ofSeconds(30))) {
                throw new IllegalStateException("the hollow nodes did not register with the API server within 30 s");
            }
            startedScheduler = Scheduler.create(client, SchedulerConfig.defaults(
                    io.kevents.scheduler.profile.VersionProfile.forVersion(version), clock));
            startedScheduler.start();
        } catch (RuntimeException e) {
            // Stop what did start, so no kubelet or scheduler thread outlives us.
            try {
                stop(startedScheduler, startedNodes, client, server, clock);
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        HollowNodes hollowNodes = startedNodes;
        Scheduler scheduler = startedScheduler;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println();
            System.out.println("kevents: stopping (flushing events)...");
            CloseReport report = stop(scheduler, hollowNodes, client, server, clock);
            System.out.println(report.isComplete() ? "kevents: stopped; every recorded event was written."
                    : "kevents: stopped; " + report.undelivered().size() + " event(s) could not be written.");
            stopped.countDown();
        }, "kevents-shutdown"));
        printWelcome(server, hollowNodes, version);
        stopped.await();
        return 0;
    }

    /**
     * Stops everything in order (the scheduler, then the nodes, flushing their events, then the client, the server
     * and the clock); the first two may be {@code null} when they did not start. The nodes' report, or {@code null}.
     */
    private static CloseReport stop(Scheduler scheduler, HollowNodes nodes, KubernetesClient client,
                                    StandaloneApiServer server, SystemClock clock) {
        if (scheduler != null) {
            scheduler.close();
        }
        CloseReport report = nodes == null ? null : nodes.close(Duration.ofSeconds(10));
        client.close();
        server.close();
        clock.close();
        return report;
    }

    private List<NodeSpec> nodeSpecs() {
        if (profile == Profile.seed) {
            return SeedCluster.nodes(Math.max(0, nodes));
        }
        int count = nodes < 0 ? 3 : nodes;
        List<NodeSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(NodeSpec.generated(String.format("kevents-worker-%02d", i + 1), i));
        }
        return specs;
    }

    private HollowNodesConfig kubeletConfig(String version, SystemClock clock) {
        HollowNodesConfig config = profile == Profile.seed ? SeedCluster.config(clock)
                : HollowNodesConfig.defaults(clock).withImages(ImageCatalogue.seed());
        return config.withProfile(io.kevents.kubelet.profile.VersionProfile.parse(version));
    }

    private void printWelcome(StandaloneApiServer server, HollowNodes hollowNodes, String version) {
        Path kubeconfig = server.kubeconfig().toAbsolutePath();
        System.out.printf("kevents is up: Kubernetes %s API on %s, scheduler, %d hollow node(s): %s%n", version,
                server.server().url(), hollowNodes.nodeNames().size(), String.join(", ", hollowNodes.nodeNames()));
        System.out.println();
        System.out.println("In another terminal:");
        System.out.printf("  export KUBECONFIG=%s%n", kubeconfig);
        System.out.println("  kubectl get nodes");
        System.out.println("  kubectl apply -f examples/nginx-pod-failed-to-scheduler.yaml");
        System.out.println("  kubectl get events -A");
        System.out.println();
        System.out.println("Ctrl-C stops everything (data stays in " + api.dataDir + ").");
    }

    /** "1.20" and "v1.20.1" both mean 1.20.1; "1.32" means 1.32.0. */
    static String normalise(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        return v.chars().filter(c -> c == '.').count() == 1 ? v + (v.equals("1.20") ? ".1" : ".0") : v;
    }
}
