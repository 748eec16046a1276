package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.kubelet.image.ImageCatalogue;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.time.SystemClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of hollow nodes and pods in one JVM against the in-process API server, on the system clock: 300 nodes
 * and 1,500 pods in the suite (about 20 s); larger with
 * {@code mvn -o -pl kubelet test -Dtest=ScaleSmokeTest -Dkevents.scale.nodes=1000 -Dkevents.scale.pods=10000}.
 */
class ScaleSmokeTest {

    @TempDir
    Path dataDir;

    @Test
    void runsManyNodesAndPods() throws Exception {
        int nodeCount = Integer.getInteger("kevents.scale.nodes", 300);
        int podCount = Integer.getInteger("kevents.scale.pods", nodeCount * 5);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (SystemClock clock = new SystemClock();
             StandaloneApiServer server = StandaloneApiServer.start(new StandaloneApiServer.Options(dataDir,
                     "memory:", null, Duration.ofHours(1), ApiServerConfig.defaults(0, clock)))) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.server().url())
                    .withNamespace("default").withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256)
                    .build();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                List<NodeSpec> specs = new ArrayList<>();
                for (int i = 0; i < nodeCount; i++) {
                    specs.add(NodeSpec.generated(String.format("hollow-%04d", i), i));
                }
                long t0 = System.nanoTime();
                try (HollowNodes nodes = HollowNodes.start(client, HollowNodesConfig.defaults(clock)
                        .withImages(ImageCatalogue.seed()).withApiWriterThreads(16), specs)) {
                    assertThat(nodes.awaitRegistered(Duration.ofMinutes(5))).isTrue();
                    long registered = System.nanoTime();
                    System.out.printf("%d nodes registered in %d ms; threads +%d%n", nodeCount,
                            (registered - t0) / 1_000_000,
                            ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore);
                    ExecutorService creators = Executors.newFixedThreadPool(16);
                    for (int p = 0; p < podCount; p++) {
                        int index = p;
                        Pod pod = Pods.pod("pod-" + index, "nginx", "nginx:1.8", "IfNotPresent");
                        pod.setStatus(null);
                        pod.getSpec().setNodeName(specs.get(index % nodeCount).name());
                        creators.submit(() -> client.pods().inNamespace("default").resource(pod).create());
                    }
                    creators.shutdown();
                    assertThat(creators.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
                    long created = System.nanoTime();
                    System.out.printf("%d pods created in %d ms%n", podCount, (created - registered) / 1_000_000);
                    long running = 0;
                    while (System.nanoTime() - created < TimeUnit.MINUTES.toNanos(10)) {
                        running = client.pods().inNamespace("default").list().getItems().stream()
                                .filter(pod -> "Running".equals(pod.getStatus().getPhase())).count();
                        if (running == podCount) {
                            break;
                        }
                        Thread.sleep(1000);
                    }
                    long done = System.nanoTime();
                    Runtime rt = Runtime.getRuntime();
                    System.gc();
                    System.out.printf("%d/%d pods Running %d ms after creation; threads +%d; heap used %d MB%n",
                            running, podCount, (done - created) / 1_000_000,
                            ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore,
                            (rt.totalMemory() - rt.freeMemory()) >> 20);
                    assertThat(running).isEqualTo(podCount);
                    assertThat(nodes.awaitIdle(Duration.ofMinutes(2))).isTrue();
                }
            }
        }
    }
}
