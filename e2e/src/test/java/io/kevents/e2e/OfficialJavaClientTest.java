package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.reflect.TypeToken;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.extended.event.EventType;
import io.kubernetes.client.extended.event.legacy.EventRecorder;
import io.kubernetes.client.extended.event.legacy.LegacyEventBroadcaster;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.apis.CoreApi;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.EventsV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.EventsV1Event;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Kubernetes Java client (client-java 24, Kubernetes 1.32 models) against the kevents API server. Its
 * generated models reject JSON fields they do not know and require some fields to be present, so every call here
 * that parses a response also proves that the server's JSON is what a strict 1.32 client accepts.
 */
class OfficialJavaClientTest {

    private static Cluster cluster;
    private static ApiClient client;
    private static CoreV1Api core;

    @BeforeAll
    static void startServer() throws IOException {
        cluster = Cluster.start();
        try (Reader kubeconfig = Files.newBufferedReader(cluster.kubeconfig())) {
            client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(kubeconfig)).setReadTimeout(Duration.ZERO)
                    .build();
        }
        core = new CoreV1Api(client);
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void legacyRecorderCreatesThenPatchesTheCount() throws ApiException {
        String namespace = cluster.createNamespace("official-recorder");
        V1Pod pod = core.createNamespacedPod(namespace, new V1Pod()
                .metadata(new V1ObjectMeta().name("nginx-pod-test"))
                .spec(new V1PodSpec().addContainersItem(new V1Container().name("nginx").image("nginxa:1.8"))))
                .execute();
        V1ObjectReference container = new V1ObjectReference().apiVersion("v1").kind("Pod").namespace(namespace)
                .name("nginx-pod-test").uid(pod.getMetadata().getUid()).fieldPath("spec.containers{nginx}");
        LegacyEventBroadcaster broadcaster = new LegacyEventBroadcaster(core);
        try {
            broadcaster.startRecording();
            EventRecorder recorder = broadcaster.newRecorder(new V1EventSource().component("kubelet")
                    .host("k8s-node01"));

            // client-java 24's correlator writes the message into its patch unescaped, so a message with quotes
            // (the kubelet's 'Pulling image "nginxa:1.8"') makes invalid JSON that any server rejects: no quotes.
            for (int i = 0; i < 4; i++) {
                recorder.event(container, EventType.Warning, "BackOff", "Back-off restarting failed container nginx");
            }

            // The first occurrence is created, the next ones are strategic merge patches of count/lastTimestamp.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(backOff(namespace))
                    .extracting(CoreV1Event::getCount).contains(4));
            List<CoreV1Event> events = backOff(namespace);
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.getCount()).isEqualTo(4);
                assertThat(event.getMessage()).isEqualTo("Back-off restarting failed container nginx");
                assertThat(event.getType()).isEqualTo("Warning");
                assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
                assertThat(event.getSource().getHost()).isEqualTo("k8s-node01");
                assertThat(event.getInvolvedObject().getUid()).isEqualTo(pod.getMetadata().getUid());
                assertThat(event.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{nginx}");
                assertThat(event.getFirstTimestamp()).isNotNull();
                assertThat(event.getLastTimestamp()).isAfterOrEqualTo(event.getFirstTimestamp());
            });
        } finally {
            broadcaster.shutdown();
        }
    }

    @Test
    void coreV1EventListParsesInTheStrictModel() throws ApiException {
        String namespace = eventsOfBothKinds("official-core");

        // An old-style event with a count, and a new-style one with a series and an eventTime.
        List<CoreV1Event> events = core.listNamespacedEvent(namespace).execute().getItems();

        assertThat(events).hasSize(2);
        CoreV1Event failed = events.stream().filter(e -> e.getReason().equals("FailedScheduling")).findFirst()
                .orElseThrow();
        assertThat(failed.getSeries().getCount()).isEqualTo(3);
        assertThat(failed.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(failed.getEventTime()).isNotNull();
        CoreV1Event pulled = events.stream().filter(e -> e.getReason().equals("Pulled")).findFirst().orElseThrow();
        assertThat(pulled.getCount()).isEqualTo(2);
        assertThat(pulled.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(core.listEventForAllNamespaces().fieldSelector("involvedObject.namespace=" + namespace)
                .execute().getItems()).hasSize(2);
    }

    @Test
    void eventsV1EventListParsesInTheStrictModel() throws ApiException {
        String namespace = eventsOfBothKinds("official-events");

        // The same two objects through events.k8s.io/v1 (eventTime is a required field of this model).
        List<EventsV1Event> events = new EventsV1Api(client).listNamespacedEvent(namespace).execute().getItems();

        assertThat(events).hasSize(2);
        EventsV1Event series = events.stream().filter(e -> e.getReason().equals("FailedScheduling")).findFirst()
                .orElseThrow();
        assertThat(series.getSeries().getCount()).isEqualTo(3);
        assertThat(series.getRegarding().getName()).isEqualTo("nginx-pod-failed-to-scheduler");
        assertThat(series.getReportingController()).isEqualTo("default-scheduler");
        EventsV1Event legacy = events.stream().filter(e -> e.getReason().equals("Pulled")).findFirst().orElseThrow();
        assertThat(legacy.getDeprecatedCount()).isEqualTo(2);
        assertThat(legacy.getDeprecatedSource().getComponent()).isEqualTo("kubelet");
        assertThat(legacy.getEventTime()).isNull();
    }

    @Test
    void podsNodesNamespacesAndDiscoveryParseInTheStrictModels() throws ApiException {
        String namespace = cluster.createNamespace("official-objects");
        cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        cluster.createNode("official-node01", "v1.20.1", "control-plane");

        assertThat(core.readNamespacedPod("nginx-pod-failed-to-scheduler", namespace).execute().getSpec()
                .getContainers()).singleElement().satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.8"));
        assertThat(core.listNamespacedPod(namespace).execute().getItems()).hasSize(1);
        assertThat(core.listPodForAllNamespaces().execute().getItems()).isNotEmpty();
        assertThat(core.readNode("official-node01").execute().getStatus().getNodeInfo().getKubeletVersion())
                .isEqualTo("v1.20.1");
        assertThat(core.listNode().execute().getItems()).extracting(node -> node.getMetadata().getName())
                .contains("official-node01");
        assertThat(core.readNamespace(namespace).execute().getStatus().getPhase()).isEqualTo("Active");
        assertThat(core.listNamespace().execute().getItems()).extracting(ns -> ns.getMetadata().getName())
                .contains("default", "kube-system", namespace);

        assertThat(new VersionApi(client).getCode().execute().getGitVersion()).isEqualTo("v1.32.0");
        assertThat(new CoreApi(client).getAPIVersions().execute().getVersions()).containsExactly("v1");
        assertThat(new ApisApi(client).getAPIVersions().execute().getGroups())
                .extracting(group -> group.getName()).contains("events.k8s.io");
        List<V1APIResource> coreResources = core.getAPIResources().execute().getResources();
        assertThat(coreResources).filteredOn(r -> r.getName().equals("events")).singleElement()
                .satisfies(r -> assertThat(r.getShortNames()).containsExactly("ev"));
        assertThat(coreResources).extracting(V1APIResource::getName).contains("pods", "nodes", "namespaces");
        assertThat(new EventsV1Api(client).getAPIResources().execute().getResources())
                .extracting(V1APIResource::getName).contains("events");
    }

    @Test
    void eventTimestampsComeBackWithSecondPrecisionLikeMetav1Time() throws ApiException {
        String namespace = cluster.createNamespace("official-times");
        // client-java's legacy recorder sends first/lastTimestamp with nanoseconds; metav1.Time has whole
        // seconds in JSON, so a real server answers 2021-09-15T11:13:20Z for 2021-09-15T11:13:20.123456789Z.
        OffsetDateTime precise = OffsetDateTime.parse("2021-09-15T11:13:20.123456789Z");
        CoreV1Event written = coreEvent(namespace, "precise").firstTimestamp(precise).lastTimestamp(precise);

        core.createNamespacedEvent(namespace, written).execute();
        CoreV1Event read = core.readNamespacedEvent("precise", namespace).execute();

        assertThat(read.getFirstTimestamp()).isEqualTo(OffsetDateTime.parse("2021-09-15T11:13:20Z"));
        assertThat(read.getLastTimestamp()).isEqualTo(OffsetDateTime.parse("2021-09-15T11:13:20Z"));
    }

    /** A namespace with a scheduler event (series of 3) and a kubelet event (count 2) about one pod. */
    private static String eventsOfBothKinds(String name) {
        String namespace = cluster.createNamespace(name);
        Pod pod = cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        try (Scheduler scheduler = new Scheduler(cluster.client());
             Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            for (int i = 0; i < 3; i++) {
                scheduler.failedScheduling(pod, "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity.");
            }
            kubelet.pulled(pod, "nginx:1.8");
            kubelet.pulled(pod, "nginx:1.8");
            kubelet.flush();
        } // the scheduler writes the series' final count when it closes
        return namespace;
    }

    @Test
    void watchStreamsEventsLineByLine() throws Exception {
        String namespace = cluster.createNamespace("official-watch");
        core.createNamespacedEvent(namespace, coreEvent(namespace, "before-watch")).execute();
        List<String> seen = new CopyOnWriteArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try (Watch<CoreV1Event> watch = Watch.createWatch(client,
                core.listNamespacedEvent(namespace).watch(true).timeoutSeconds(60).buildCall(null),
                new TypeToken<Watch.Response<CoreV1Event>>() { }.getType())) {
            Future<?> reading = reader.submit(() -> {
                for (Watch.Response<CoreV1Event> event : watch) {
                    seen.add(event.type + " " + event.object.getMetadata().getName() + " " + event.object.getCount());
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());

            core.createNamespacedEvent(namespace, coreEvent(namespace, "during-watch")).execute();
            PatchUtils.patch(CoreV1Event.class, () -> core.patchNamespacedEvent("during-watch", namespace,
                    new V1Patch("{\"count\":2}")).buildCall(null), V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
            core.deleteNamespacedEvent("during-watch", namespace).execute();

            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 4 || reading.isDone());
            assertThat(reading.isDone()).as("the watch is still open").isFalse();
            assertThat(seen).containsExactly("ADDED before-watch 1", "ADDED during-watch 1", "MODIFIED during-watch 2",
                    "DELETED during-watch 2");
        } finally {
            reader.shutdownNow();
        }
    }

    private static List<CoreV1Event> backOff(String namespace) throws ApiException {
        return core.listNamespacedEvent(namespace).fieldSelector("reason=BackOff").execute().getItems();
    }

    private static CoreV1Event coreEvent(String namespace, String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return new CoreV1Event().metadata(new V1ObjectMeta().name(name).namespace(namespace))
                .involvedObject(new V1ObjectReference().apiVersion("v1").kind("Pod").namespace(namespace)
                        .name("nginx-pod"))
                .type("Normal").reason("Pulled").message("Container image \"nginx:1.8\" already present on machine")
                .source(new V1EventSource().component("kubelet")).count(1).firstTimestamp(now).lastTimestamp(now);
    }
}
