package io.kevents.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.kubelet.loop.JitterPolicy;
import io.kevents.time.ManualClock;
import io.kevents.time.SystemClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's two nodes as hollow kubelets against the real kevents API server in this JVM (no mocks): registration,
 * node events and leases; the seed's pods (from {@code examples/}) bound to {@code k8s-node01}; events read back
 * through the core/v1 API. The server keeps its system clock; the kubelets run on a manual clock, advanced second
 * by second, so the back-off sequence is exact.
 */
class HollowNodesApiServerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static SystemClock serverClock;
    private static StandaloneApiServer server;
    private static KubernetesClient client;
    private static ManualClock clock;
    private static HollowNodes nodes;

    @BeforeAll
    static void start() {
        serverClock = new SystemClock();
        server = StandaloneApiServer.start(new StandaloneApiServer.Options(dataDir, "memory:", null,
                Duration.ofHours(1), ApiServerConfig.defaults(0, serverClock)));
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server.server().url())
                .withNamespace("default").build();
        client = new KubernetesClientBuilder().withConfig(config).build();
        clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        nodes = HollowNodes.start(client, SeedCluster.config(clock).withJitter(JitterPolicy.fixed(0.5)),
                SeedCluster.nodes(0));
        assertThat(nodes.awaitRegistered(WAIT)).isTrue();
        advance(1);
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close(Duration.ofSeconds(5));
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        serverClock.close();
    }

    @Test
    void registersTheSeedsNodes() {
        Node master = client.nodes().withName("k8s-master01").get();
        assertThat(master.getMetadata().getLabels()).containsEntry("node-role.kubernetes.io/control-plane", "")
                .containsEntry("node-role.kubernetes.io/master", "").containsEntry("disktype", "ssd")
                .containsEntry("kubernetes.io/hostname", "k8s-master01");
        assertThat(master.getSpec().getTaints()).extracting(t -> t.getKey() + ":" + t.getEffect())
                .containsExactly("node-role.kubernetes.io/master:NoSchedule");
        await().atMost(WAIT).untilAsserted(() -> {
            Node worker = client.nodes().withName("k8s-node01").get();
            assertThat(worker.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.20.1");
            assertThat(worker.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                    .containsExactly("MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True");
            assertThat(worker.getSpec().getTaints()).isNullOrEmpty();
        });
        Lease lease = await().atMost(WAIT).until(
                () -> client.leases().inNamespace("kube-node-lease").withName("k8s-node01").get(), l -> l != null);
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("k8s-node01");
        assertThat(lease.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(client.nodes().withName("k8s-node01").get().getMetadata().getUid());
    }

    @Test
    void recordsNodeEventsInDefault() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Event> events = client.v1().events().inNamespace("default")
                    .withField("involvedObject.name", "k8s-node01").list().getItems();
            assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("Starting",
                    "NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID",
                    "NodeAllocatableEnforced", "NodeReady");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
                assertThat(e.getSource().getHost()).isEqualTo("k8s-node01");
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node");
                assertThat(e.getInvolvedObject().getUid()).isEqualTo("k8s-node01");
            });
            assertThat(events).filteredOn(e -> e.getReason().equals("NodeReady")).singleElement()
                    .extracting(Event::getMessage).isEqualTo("Node k8s-node01 status is now: NodeReady");
        });
    }

    @Test
    void nonexistentImageBacksOffAsInTheSeed() {
        String namespace = namespace("seed-pull");
        Instant start = clock.now();
        bind(namespace, example("nginx-pod-test.yaml"));
        // Second by second, letting the pipeline write each second's events before the next, as with a real clock:
        // the correlator counts occurrences the spam filter holds back, and a write still pending would carry them.
        for (int second = 0; second < 177; second++) {
            advance(1);
            assertThat(nodes.awaitIdle(WAIT)).isTrue();
        }

        List<Event> events = client.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", "nginx-pod-test").list().getItems();
        assertThat(DescribeRows.of(events, "nginx-pod-test", start.plusSeconds(177))).containsExactly(
                "Normal Pulling 62s (x4 over 2m57s) kubelet Pulling image \"nginxa:1.8\"",
                "Warning Failed 54s (x4 over 2m49s) kubelet Error: ErrImagePull",
                "Warning Failed 54s (x4 over 2m49s) kubelet Failed to pull image \"nginxa:1.8\": rpc error: code = "
                        + "Unknown desc = failed to pull and unpack image \"docker.io/library/nginxa:1.8\": failed to "
                        + "resolve reference \"docker.io/library/nginxa:1.8\": pull access denied, repository does not "
                        + "exist or may require authorization: server message: insufficient_scope: authorization failed",
                "Warning Failed 41s (x6 over 2m49s) kubelet Error: ImagePullBackOff",
                "Normal BackOff 28s (x7 over 2m49s) kubelet Back-off pulling image \"nginxa:1.8\"");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{nginx}");
            assertThat(e.getSource().getHost()).isEqualTo("k8s-node01");
        });

        Pod pod = client.pods().inNamespace(namespace).withName("nginx-pod-test").get();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("ImagePullBackOff");
        assertThat(pod.getStatus().getHostIP()).isEqualTo("172.20.70.215");
        assertThat(pod.getStatus().getPodIP()).startsWith("10.100.85.");
        assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
        assertThat(pod.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("Initialized=True", "Ready=False", "ContainersReady=False", "PodScheduled=True");
    }

    @Test
    void presentImageRunsAndDeletionStopsIt() {
        String namespace = namespace("seed-run");
        bind(namespace, example("nginx-pod-failed-to-scheduler.yaml"));
        advance(1);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(messages(namespace, "nginx-pod-failed-to-scheduler")).containsExactlyInAnyOrder(
                    "Pulled Container image \"nginx:1.8\" already present on machine",
                    "Created Created container nginx",
                    "Started Started container nginx");
            Pod pod = client.pods().inNamespace(namespace).withName("nginx-pod-failed-to-scheduler").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        });

        client.pods().inNamespace(namespace).withName("nginx-pod-failed-to-scheduler").delete();
        await().atMost(WAIT).untilAsserted(() -> assertThat(messages(namespace, "nginx-pod-failed-to-scheduler"))
                .contains("Killing Stopping container nginx"));
        await().atMost(WAIT).until(() -> nodes.podCount("k8s-node01") == podsOnWorker());
    }

    @Test
    void eachPodsEventsReachTheServerInTheOrderTheKubeletRecordedThem() {
        String namespace = namespace("seed-order");
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "ordered-" + i;
            pods.add(name);
            bind(namespace, new PodBuilder(example("nginx-pod-failed-to-scheduler.yaml")).editMetadata()
                    .withName(name).endMetadata().editSpec().withNodeSelector(null).endSpec().build());
        }
        advance(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods).allSatisfy(pod ->
                assertThat(messages(namespace, pod)).hasSize(3)));

        // The server's write order (resourceVersion), which is what watchers see: Created before Started.
        assertThat(pods).allSatisfy(pod -> assertThat(client.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", pod).list().getItems().stream()
                .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .map(Event::getReason).toList()).as(pod).containsExactly("Pulled", "Created", "Started"));
    }

    @Test
    void configMapVolumeFailsToMountUntilTheConfigMapExists() {
        String namespace = namespace("seed-mount");
        bind(namespace, example("alpine01.yaml"));
        advance(20);
        assertThat(nodes.awaitIdle(WAIT)).isTrue();
        List<Event> failedMount = client.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", "alpine01").list().getItems();
        assertThat(failedMount).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getReason()).isEqualTo("FailedMount");
            assertThat(e.getMessage()).isEqualTo(
                    "MountVolume.SetUp failed for volume \"nginx-conf\" : configmap \"nginx-configmap\" not found");
            assertThat(e.getCount()).isEqualTo(6);
            assertThat(e.getInvolvedObject().getFieldPath()).isNull();
        });
        assertThat(client.pods().inNamespace(namespace).withName("alpine01").get().getStatus()
                .getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");

        ConfigMap configMap = load("nginx-configmap.yaml", ConfigMap.class);
        client.configMaps().inNamespace(namespace).resource(configMap).create();
        await().atMost(WAIT).until(() -> nodes.seesConfigMap(namespace, "nginx-configmap"));
        advance(20);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(messages(namespace, "alpine01")).contains(
                    "Pulled Container image \"alpine\" already present on machine",
                    "Created Created container alpine",
                    "Started Started container alpine");
            Pod pod = client.pods().inNamespace(namespace).withName("alpine01").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        });
    }

    @Test
    void podBoundLaterThroughTheBindingSubresourceIsRun() throws Exception {
        String namespace = namespace("seed-bind");
        int before = nodes.podCount("k8s-node01");
        client.pods().inNamespace(namespace).resource(new PodBuilder(example("nginx-pod-failed-to-scheduler.yaml"))
                .editSpec().withNodeSelector(null).endSpec().build()).create();
        // What the scheduler does: POST a Binding to pods/<name>/binding.
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":"
                + "\"nginx-pod-failed-to-scheduler\"},\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                + "\"name\":\"k8s-node01\"}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        server.server().url() + "/api/v1/namespaces/" + namespace
                                + "/pods/nginx-pod-failed-to-scheduler/binding"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(binding))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> nodes.podCount("k8s-node01") == before + 1);
        advance(1);
        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(namespace).withName("nginx-pod-failed-to-scheduler").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            // The binding set PodScheduled; the kubelet keeps it.
            assertThat(pod.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                    .contains("PodScheduled=True");
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Creates {@code pod} in {@code namespace} already bound to {@code k8s-node01} and waits until its kubelet has it. */
    private static void bind(String namespace, Pod pod) {
        int before = nodes.podCount("k8s-node01");
        Pod bound = new PodBuilder(pod).editMetadata().withNamespace(namespace).endMetadata()
                .editSpec().withNodeName("k8s-node01").endSpec().build();
        client.pods().inNamespace(namespace).resource(bound).create();
        await().atMost(WAIT).until(() -> nodes.podCount("k8s-node01") == before + 1);
    }

    private static int podsOnWorker() {
        return (int) client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> "k8s-node01".equals(p.getSpec().getNodeName())).count();
    }

    /** Advances the kubelets' clock second by second. */
    private static void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private static String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    private static List<String> messages(String namespace, String object) {
        return client.v1().events().inNamespace(namespace).withField("involvedObject.name", object).list()
                .getItems().stream().map(e -> e.getReason() + " " + e.getMessage()).toList();
    }

    private static Pod example(String file) {
        return load(file, Pod.class);
    }

    private static <T> T load(String file, Class<T> type) {
        Path path = Path.of(System.getProperty("kevents.examples", "../examples"), file);
        try (InputStream in = Files.newInputStream(path)) {
            return client.getKubernetesSerialization().unmarshal(in, type);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
