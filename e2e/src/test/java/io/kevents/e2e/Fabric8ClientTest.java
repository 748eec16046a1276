package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fabric8 kubernetes-client 8 against the kevents API server: CRUD of the served kinds, watches over both
 * transports fabric8 uses (WebSocket first, plain HTTP), and an informer on core/v1 events that must neither miss
 * nor repeat an event while the server ends its watches every 2–4 seconds.
 */
class Fabric8ClientTest {

    private static final Duration MIN_WATCH_TIMEOUT = Duration.ofSeconds(2);

    private static Cluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start(Duration.ofHours(1), config -> config.withMinWatchTimeout(MIN_WATCH_TIMEOUT));
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void namespacesCreateGetListDelete() {
        KubernetesClient client = cluster.client();

        Namespace created = client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName("crud-ns").addToLabels("team", "events").endMetadata().build()).create();

        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(client.namespaces().withName("crud-ns").get().getStatus().getPhase()).isEqualTo("Active");
        assertThat(client.namespaces().withLabel("team", "events").list().getItems())
                .map(ns -> ns.getMetadata().getName()).containsExactly("crud-ns");
        assertThat(client.namespaces().list().getItems()).map(ns -> ns.getMetadata().getName())
                .contains("default", "kube-system", "crud-ns");
        assertThatThrownBy(() -> client.namespaces().resource(created).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        // The status subresource of a namespace (not a resource "status" inside it).
        Namespace withCondition = client.namespaces().withName("crud-ns").editStatus(ns -> new NamespaceBuilder(ns)
                .editStatus().addNewCondition().withType("NamespaceDeletionDiscoveryFailure").withStatus("False")
                .withReason("ResourcesDiscovered").endCondition().endStatus().build());
        assertThat(withCondition.getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo("ResourcesDiscovered"));
        assertThat(client.namespaces().withName("crud-ns").get().getStatus().getConditions()).hasSize(1);

        client.namespaces().withName("crud-ns").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.namespaces().withName("crud-ns").get() == null);
    }

    @Test
    void createsAnswerWithStatusErrors() {
        KubernetesClient client = cluster.client();
        String namespace = cluster.createNamespace("create-errors");
        ConfigMap settings = new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build();

        assertThatThrownBy(() -> client.configMaps().inNamespace("no-such-namespace").resource(settings).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getReason()).isEqualTo("NotFound");
                    assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"no-such-namespace\" not found");
                });
        ConfigMap badName = new ConfigMapBuilder().withNewMetadata().withName("Not_A_Name").endMetadata().build();
        assertThatThrownBy(() -> client.configMaps().inNamespace(namespace).resource(badName).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
                });

        client.configMaps().inNamespace(namespace).resource(settings).create();
        client.namespaces().withName(namespace).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.namespaces().withName(namespace).get() == null);
        assertThatThrownBy(() -> client.configMaps().inNamespace(namespace).resource(settings).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }

    @Test
    void configMapsCreateUpdatePatchConflictDelete() {
        KubernetesClient client = cluster.client();
        String namespace = cluster.createNamespace("crud-cm");

        ConfigMap created = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("nginx-configmap").addToLabels("app", "nginx").endMetadata()
                .addToData("nginx.conf", "worker_processes 1;").build()).create();
        assertThat(client.configMaps().inNamespace(namespace).withName("nginx-configmap").get().getData())
                .containsExactly(Map.entry("nginx.conf", "worker_processes 1;"));

        ConfigMap updated = client.configMaps().inNamespace(namespace).withName("nginx-configmap")
                .edit(cm -> new ConfigMapBuilder(cm).addToData("mime.types", "types {}").build());
        assertThat(updated.getData()).containsOnlyKeys("nginx.conf", "mime.types");
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        ConfigMap patched = client.configMaps().inNamespace(namespace).withName("nginx-configmap")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"mime.types\":null,\"x\":\"y\"}}");
        assertThat(patched.getData()).containsOnlyKeys("nginx.conf", "x");

        // An update that carries the resourceVersion it read, after someone else wrote: 409 Conflict.
        ConfigMap stale = new ConfigMapBuilder(updated).addToData("late", "write").build();
        assertThatThrownBy(() -> client.configMaps().inNamespace(namespace).resource(stale).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));

        assertThat(client.configMaps().inNamespace(namespace).withLabel("app", "nginx").list().getItems())
                .map(cm -> cm.getMetadata().getName()).containsExactly("nginx-configmap");
        assertThat(client.configMaps().inNamespace(namespace).withLabel("app", "other").list().getItems()).isEmpty();

        client.configMaps().inNamespace(namespace).withName("nginx-configmap").delete();
        assertThat(client.configMaps().inNamespace(namespace).withName("nginx-configmap").get()).isNull();
    }

    @Test
    void podsCreateListLabelDelete() {
        KubernetesClient client = cluster.client();
        String namespace = cluster.createNamespace("crud-pods");

        Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName("nginx-pod-failed-to-scheduler").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.8").endContainer()
                .addToNodeSelector("disktype", "ssd").endSpec().build()).create();
        assertThat(pod.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(pod.getMetadata().getUid()).isNotBlank();
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("disktype", "ssd");

        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("app", "nginx").endMetadata().build());
        assertThat(client.pods().inNamespace(namespace).withLabel("app", "nginx").list().getItems())
                .map(p -> p.getMetadata().getName()).containsExactly("nginx-pod-failed-to-scheduler");
        assertThat(client.pods().inAnyNamespace().withField("metadata.namespace", namespace).list().getItems())
                .hasSize(1);

        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace(namespace)
                .withName(pod.getMetadata().getName()).get() == null);
    }

    @Test
    void nodesCreateLabelDelete() {
        KubernetesClient client = cluster.client();
        cluster.createNode("crud-node01", "v1.20.1");

        Node labelled = client.nodes().withName("crud-node01")
                .edit(node -> { node.getMetadata().getLabels().put("disktype", "ssd"); return node; });

        assertThat(labelled.getMetadata().getLabels()).containsEntry("disktype", "ssd");
        assertThat(client.nodes().withLabel("disktype", "ssd").list().getItems())
                .map(node -> node.getMetadata().getName()).contains("crud-node01");
        assertThat(client.nodes().withName("crud-node01").get().getStatus().getNodeInfo().getKubeletVersion())
                .isEqualTo("v1.20.1");
        client.nodes().withName("crud-node01").delete();
        assertThat(client.nodes().withName("crud-node01").get()).isNull();
    }

    @ParameterizedTest(name = "onlyHttpWatches={0}")
    @ValueSource(booleans = {false, true})
    @SuppressWarnings("try") // the watch only needs to run while the body does
    void watchSeesAddedModifiedDeleted(boolean onlyHttpWatches) {
        String namespace = cluster.createNamespace("watch-" + (onlyHttpWatches ? "http" : "websocket"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = Cluster.fabric8(cluster.url(),
                config -> config.withOnlyHttpWatches(onlyHttpWatches), http -> { });
             Watch ignored = client.v1().events().inNamespace(namespace).watch(new Watcher<>() {
                 @Override
                 public void eventReceived(Action action, Event event) {
                     seen.add(action + " " + event.getMetadata().getName() + " " + event.getCount());
                 }

                 @Override
                 public void onClose(WatcherException cause) {
                 }
             })) {
            client.v1().events().inNamespace(namespace)
                    .resource(TestEvents.aboutPod(namespace, "ev1", "nginx-pod", "Pulled", "pulled")).create();
            client.v1().events().inNamespace(namespace).withName("ev1")
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"count\":2}");
            client.v1().events().inNamespace(namespace).withName("ev1").delete();

            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED ev1 1", "MODIFIED ev1 2", "DELETED ev1 2");
        }
    }

    @ParameterizedTest(name = "onlyHttpWatches={0}")
    @ValueSource(booleans = {false, true})
    @SuppressWarnings("try") // the watch only needs to run while the body does
    void aWatchFromAnOlderVersionGetsALargeBacklogWholeAndInOrder(boolean onlyHttpWatches) {
        // 150 events of about 1.3 KiB: the backlog goes out in one batch, written as several socket writes.
        String namespace = cluster.createNamespace("backlog-" + (onlyHttpWatches ? "http" : "websocket"));
        List<String> expected = new ArrayList<>();
        try (KubernetesClient client = Cluster.fabric8(cluster.url(),
                config -> config.withOnlyHttpWatches(onlyHttpWatches), http -> { })) {
            String before = client.v1().events().inNamespace(namespace).list().getMetadata().getResourceVersion();
            for (int i = 0; i < 150; i++) {
                String name = "backlog-" + i;
                client.v1().events().inNamespace(namespace).resource(TestEvents.aboutPod(namespace, name, "pod",
                        "Pulled", name + " " + "x".repeat(1000))).create();
                expected.add("ADDED " + name + " " + name.length());
            }
            List<String> seen = new CopyOnWriteArrayList<>();
            try (Watch ignored = client.v1().events().inNamespace(namespace).watch(
                    new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withResourceVersion(before).build(),
                    new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, Event event) {
                            String message = event.getMessage();
                            // The name, and the length of the message's name part when the padding is intact.
                            boolean intact = message.endsWith("x".repeat(1000));
                            seen.add(action + " " + event.getMetadata().getName() + " "
                                    + (intact ? message.length() - 1001 : -1));
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    })) {
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= expected.size());
                assertThat(seen).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void serverEndsWatchesAfterTheMinimumWatchTimeout() throws Exception {
        String namespace = cluster.createNamespace("watch-timeout");
        HttpClient http = HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                URI.create(cluster.url() + "/api/v1/namespaces/" + namespace + "/events?watch=true")).build();

        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            body.readAllBytes(); // returns when the server ends the stream
        }
        Duration lasted = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(200);
        // kube-apiserver picks a random duration in [min, 2 × min]
        assertThat(lasted).isBetween(MIN_WATCH_TIMEOUT.minusMillis(100),
                MIN_WATCH_TIMEOUT.multipliedBy(2).plusSeconds(2));
    }

    @Test
    void informerSurvivesServerSideWatchTimeoutsWithoutMissingOrRepeatingEvents() {
        String namespace = cluster.createNamespace("informer");
        // fabric8's informer asks for timeoutSeconds (a random 5-10 minutes, like client-go's reflector), which
        // the server honours as kube-apiserver does; without it the server ends each watch after its own timeout
        // (here 2-4 s). So the informer's watch requests go out without timeoutSeconds, and are counted.
        List<URI> watches = new CopyOnWriteArrayList<>();
        Interceptor serverSideTimeouts = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                URI uri = request.uri();
                if (uri.getPath().endsWith("/namespaces/" + namespace + "/events")
                        && String.valueOf(uri.getRawQuery()).contains("watch=true")) {
                    URI rewritten = URI.create(uri.toString().replaceAll("([?&])timeoutSeconds=\\d+&?", "$1"));
                    builder.uri(rewritten);
                    watches.add(rewritten);
                }
            }
        };
        Map<String, AtomicInteger> added = new ConcurrentHashMap<>();
        AtomicInteger updated = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger lists = new AtomicInteger();
        ResourceEventHandler<Event> handler = new ResourceEventHandler<>() {
            @Override
            public void onBeforeList(String resourceVersion) {
                lists.incrementAndGet();
            }

            @Override
            public void onAdd(Event event) {
                added.computeIfAbsent(event.getMetadata().getName(), name -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void onUpdate(Event before, Event after) {
                updated.incrementAndGet();
            }

            @Override
            public void onDelete(Event event, boolean finalStateUnknown) {
                deleted.incrementAndGet();
            }
        };
        List<String> written = new ArrayList<>();
        try (KubernetesClient client = Cluster.fabric8(cluster.url(), config -> config.withWatchReconnectInterval(200),
                http -> http.addOrReplaceInterceptor("server-side-timeouts", serverSideTimeouts));
             SharedIndexInformer<Event> informer = client.v1().events().inNamespace(namespace).inform(handler, 0)) {
            // Write events until the server has ended the informer's watch at least three times.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (watches.size() < 4 || written.size() < 20) {
                assertThat(System.nanoTime()).as("watches restarted: %s", watches).isLessThan(deadline);
                String name = String.format("tick-%03d", written.size());
                client.v1().events().inNamespace(namespace)
                        .resource(TestEvents.aboutPod(namespace, name, "nginx-pod", "Tick", name)).create();
                written.add(name);
                sleep(Duration.ofMillis(100)); // pacing: spread the writes across the watch restarts
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> informer.getStore().list().size() >= written.size()
                    && added.size() >= written.size());

            assertThat(informer.getStore().list()).map(event -> event.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(written);
            assertThat(added.keySet()).containsExactlyInAnyOrderElementsOf(written);
            assertThat(added).allSatisfy((name, count) -> assertThat(count.get()).as(name).isEqualTo(1));
            assertThat(updated.get()).as("updates").isZero();
            assertThat(deleted.get()).as("deletes").isZero();
            // The informer listed once and then only re-watched from the last resourceVersion it had seen.
            assertThat(lists.get()).as("lists").isEqualTo(1);
            assertThat(watches).allSatisfy(uri -> assertThat(uri.getQuery()).containsPattern("resourceVersion=\\d+")
                    .doesNotContain("timeoutSeconds"));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
