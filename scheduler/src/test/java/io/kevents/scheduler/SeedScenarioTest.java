package io.kevents.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.time.SystemClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed article's scheduler example against the real kevents API server, over HTTP: a pod whose nodeSelector
 * no node satisfies gets FailedScheduling with the version's exact text, and labelling {@code k8s-node01} gets it
 * scheduled there within seconds.
 */
class SeedScenarioTest {

    static final String POD = "nginx-pod-failed-to-scheduler";
    static final String V1_20_MESSAGE = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity, "
            + "1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.";
    static final String V1_32_MESSAGE = "0/2 nodes are available: 1 node(s) didn't match Pod's node "
            + "affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/2 "
            + "nodes are available: 2 Preemption is not helpful for scheduling.";

    @TempDir
    Path tempDir;
    private SystemClock clock;
    private StandaloneApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void startServer() {
        clock = new SystemClock();
        server = StandaloneApiServer.start(new StandaloneApiServer.Options(tempDir, "memory:", null,
                Duration.ofHours(1), ApiServerConfig.defaults(0, clock)));
        Config config = new ConfigBuilder().withMasterUrl(server.server().url()).withNamespace("default")
                .withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.close();
        clock.close();
    }

    @Test
    void v1_20_reproduces_the_seed_byte_for_byte() throws IOException {
        runSeed(VersionProfile.V1_20, V1_20_MESSAGE);
    }

    @Test
    void v1_32_uses_the_current_texts() throws IOException {
        runSeed(VersionProfile.V1_32, V1_32_MESSAGE);
    }

    private void runSeed(VersionProfile profile, String expected) throws IOException {
        createNode("k8s-master01", Map.of("disktype", "ssd", "node-role.kubernetes.io/master", ""), true);
        createNode("k8s-node01", Map.of(), false);
        try (Scheduler scheduler = Scheduler.create(client, SchedulerConfig.defaults(profile, clock))) {
            scheduler.start();
            client.pods().inNamespace("default").resource(seedPod()).create();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventNotes("FailedScheduling"))
                    .contains(expected));
            var event = client.events().v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> "FailedScheduling".equals(e.getReason())).findFirst().orElseThrow();
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getAction()).isEqualTo("Scheduling");
            assertThat(event.getReportingController()).isEqualTo("default-scheduler");
            assertThat(event.getReportingInstance()).startsWith("default-scheduler-");
            assertThat(event.getRegarding().getName()).isEqualTo(POD);
            assertThat(event.getRegarding().getKind()).isEqualTo("Pod");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(coreMessages("FailedScheduling"))
                    .contains(expected));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                PodCondition condition = podScheduled().orElseThrow();
                assertThat(condition.getStatus()).isEqualTo("False");
                assertThat(condition.getReason()).isEqualTo("Unschedulable");
                assertThat(condition.getMessage()).isEqualTo(expected);
            });
            assertThat(client.pods().inNamespace("default").withName(POD).get().getSpec().getNodeName()).isNull();

            // kubectl label nodes k8s-node01 disktype=ssd
            client.nodes().withName("k8s-node01").edit(node -> new NodeBuilder(node).editMetadata()
                    .addToLabels("disktype", "ssd").endMetadata().build());

            String scheduled = "Successfully assigned default/" + POD + " to k8s-node01";
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(client.pods().inNamespace("default").withName(POD).get().getSpec().getNodeName())
                            .isEqualTo("k8s-node01"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(eventNotes("Scheduled")).containsExactly(scheduled);
                assertThat(coreMessages("Scheduled")).containsExactly(scheduled);
            });
            var scheduledEvent = client.events().v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> "Scheduled".equals(e.getReason())).findFirst().orElseThrow();
            assertThat(scheduledEvent.getType()).isEqualTo("Normal");
            assertThat(scheduledEvent.getAction()).isEqualTo("Binding");
            assertThat(scheduledEvent.getReportingController()).isEqualTo("default-scheduler");
            assertThat(scheduler.stats().scheduled()).isEqualTo(1);
        }
    }

    /**
     * The API server, not the scheduler, sets {@code PodScheduled=True} when it accepts a binding; the scheduler only
     * ever writes False, so this checks the kevents API server's {@code pods/binding} does its part.
     */
    @Test
    void binding_sets_pod_scheduled_true() throws IOException {
        runSeed(VersionProfile.V1_32, V1_32_MESSAGE);
        PodCondition condition = podScheduled().orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("True");
        assertThat(condition.getReason()).isNull();
        assertThat(condition.getMessage()).isNull();
    }

    private List<String> eventNotes(String reason) {
        return client.events().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).map(e -> e.getNote()).toList();
    }

    private List<String> coreMessages(String reason) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).map(e -> e.getMessage()).toList();
    }

    private Optional<PodCondition> podScheduled() {
        Pod pod = client.pods().inNamespace("default").withName(POD).get();
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }

    private Pod seedPod() throws IOException {
        Path manifest = Path.of(System.getProperty("kevents.examples", "../examples"), POD + ".yaml");
        return client.getKubernetesSerialization().unmarshal(Files.readString(manifest), Pod.class);
    }

    private void createNode(String name, Map<String, String> labels, boolean masterTaint) {
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels)
                .addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("4")).addToAllocatable("memory", new Quantity("8Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .addToCapacity("cpu", new Quantity("4")).addToCapacity("memory", new Quantity("8Gi"))
                .addToCapacity("pods", new Quantity("110"))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").endCondition()
                .endStatus();
        if (masterTaint) {
            builder.editSpec().addNewTaint().withKey("node-role.kubernetes.io/master").withEffect("NoSchedule")
                    .endTaint().endSpec();
        }
        Node node = builder.build();
        Node created = client.nodes().resource(node).create();
        if (created.getStatus() == null || created.getStatus().getAllocatable() == null
                || created.getStatus().getAllocatable().isEmpty()) {
            // A real API server keeps a new node's status; write it through the status subresource otherwise.
            created.setStatus(node.getStatus());
            client.nodes().resource(created).updateStatus();
        }
    }
}
