package io.kevents.bench.scheduler;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.bench.WorkDirectory;
import io.kevents.kubelet.HollowNodes;
import io.kevents.kubelet.HollowNodesConfig;
import io.kevents.kubelet.image.ImageCatalogue;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.scheduler.Scheduler;
import io.kevents.scheduler.SchedulerConfig;
import io.kevents.scheduler.SchedulerStats;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.time.SystemClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 5's scheduling benchmark: the API server on embedded storage, {@code --nodes} hollow kubelets and the
 * scheduler, all in this JVM on this machine, events on. A warm-up round first schedules {@code --warmup-pods} pods
 * with a scheduler of its own (so that the measured round runs compiled code); then {@code --pods} pods are created
 * (pending) and a fresh scheduler starts. The figure is pods bound per second from its start until the last binding,
 * and the events written meanwhile (Scheduled from the scheduler; Pulled/Created/Started from the kubelets).
 * Run: {@code ./bench/run scheduler [--nodes 1000] [--pods 10000] [--warmup-pods 3000]}.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true)
public final class SchedulerBenchmark implements Callable<Integer> {

    @Option(names = "--nodes", defaultValue = "1000", description = "Hollow nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods", defaultValue = "10000",
            description = "Pods created pending, then scheduled (default: ${DEFAULT-VALUE}).")
    int pods;

    @Option(names = "--warmup-pods", defaultValue = "3000",
            description = "Pods scheduled first by a scheduler of their own, not measured, so that the measured round "
                    + "runs compiled code, as a long-running control plane does (default: ${DEFAULT-VALUE}).")
    int warmupPods;

    @Option(names = "--kubernetes-version", defaultValue = "1.32",
            description = "Version whose scheduler and kubelet behaviour (event texts) to use: 1.20 or 1.32.")
    String version;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SchedulerBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SystemClock clock = new SystemClock("bench-clock");
        long t0 = System.nanoTime();
        try (WorkDirectory work = WorkDirectory.create(null, "kevents-scheduler-bench");
             StandaloneApiServer server = StandaloneApiServer.start(new StandaloneApiServer.Options(work.path(),
                     "embedded:" + work.path().resolve("db"), null, Duration.ofHours(1),
                     ApiServerConfig.defaults(0, clock)))) {
            KubernetesClient kubeletClient = client(server);
            KubernetesClient schedulerClient = client(server);
            List<NodeSpec> specs = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                specs.add(NodeSpec.generated(String.format("bench-node-%04d", i), i));
            }
            try (HollowNodes hollow = HollowNodes.start(kubeletClient, HollowNodesConfig.defaults(clock)
                    .withImages(ImageCatalogue.seed()), specs)) {
                if (!hollow.awaitRegistered(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("nodes did not register");
                }
                System.out.printf("%d hollow nodes registered in %.1f s%n", nodes, (System.nanoTime() - t0) / 1e9);
                if (warmupPods > 0) {
                    createPods(server.server().port(), "warmup-pod-", warmupPods);
                    Round warmup = schedule(schedulerClient, hollow, clock, warmupPods);
                    System.out.printf("warm-up: %,d pods scheduled at %,.0f pods/s (not measured)%n", warmupPods,
                            warmup.podsPerSecond());
                }
                long createStart = System.nanoTime();
                createPods(server.server().port(), "bench-pod-", pods);
                System.out.printf("%,d pods created in %.1f s%n", pods, (System.nanoTime() - createStart) / 1e9);
                long eventsBefore = countEvents(schedulerClient);
                Round round = schedule(schedulerClient, hollow, clock, pods);
                long eventsAfter = countEvents(schedulerClient);
                System.out.printf("scheduled %,d pods onto %,d nodes in %.1f s: %,.0f pods/s (Kubernetes %s profile)%n",
                        pods, nodes, round.seconds(), round.podsPerSecond(), version);
                System.out.printf("events stored: %,d before the scheduler started, %,d after (%,d written for the "
                        + "pods); scheduler stats %s%n", eventsBefore, eventsAfter, eventsAfter - eventsBefore,
                        round.stats());
            }
            kubeletClient.close();
            schedulerClient.close();
        } finally {
            clock.close();
        }
        return 0;
    }

    /** One scheduling round: from a fresh scheduler's start to its last binding, then until the kubelets are idle. */
    private record Round(double seconds, long scheduled, SchedulerStats stats) {
        double podsPerSecond() {
            return scheduled / seconds;
        }
    }

    /** Starts a scheduler, waits until it has bound {@code expected} pods, stops it and waits for the kubelets. */
    private Round schedule(KubernetesClient client, HollowNodes hollow, SystemClock clock, int expected)
            throws InterruptedException {
        Scheduler scheduler = Scheduler.create(client, SchedulerConfig.defaults(VersionProfile.forVersion(version),
                clock));
        long start = System.nanoTime();
        scheduler.start();
        long lastProgress = start;
        long scheduled = 0;
        while (scheduled < expected) {
            Thread.sleep(100);
            long now = scheduler.stats().scheduled();
            if (now != scheduled) {
                scheduled = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(60).toNanos()) {
                throw new IllegalStateException("scheduling stalled at " + scheduled + " pods: " + scheduler.stats());
            }
        }
        double seconds = (lastProgress - start) / 1e9;
        SchedulerStats stats = scheduler.stats();
        scheduler.close();
        hollow.awaitIdle(Duration.ofMinutes(2));
        return new Round(seconds, scheduled, stats);
    }

    private static KubernetesClient client(StandaloneApiServer server) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.server().url())
                .withRequestTimeout(60_000).build()).build();
    }

    /** Creates {@code count} pending pods over HTTP, 64 in flight (faster than one client call at a time). */
    private static void createPods(int port, String namePrefix, int count) {
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(64));
        Semaphore inFlight = new Semaphore(64);
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            Buffer body = Buffer.buffer("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
                    + namePrefix + i + "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.8\","
                    + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}");
            http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/namespaces/default/pods")
                            .putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(result -> {
                        if (result.failed() || result.result() != 201) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                        if (done.incrementAndGet() == count) {
                            all.complete(null);
                        }
                    });
        }
        all.join();
        http.close();
        vertx.close();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " pod creations failed");
        }
    }

    private static long countEvents(KubernetesClient client) {
        return client.v1().events().inAnyNamespace().list().getItems().size();
    }
}
