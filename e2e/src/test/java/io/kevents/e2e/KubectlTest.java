package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed article's kubectl sessions, run with the real kubectl 1.20 (the article's version) and kubectl 1.32
 * against the kevents API server, with events written the way the scheduler (events.k8s.io/v1, series) and the
 * kubelet (core/v1, counts patched with strategic merge patches) write them. Outputs are compared with what a
 * real cluster prints: column names and order, {@code pod/name} objects, LAST SEEN ages, {@code (xN over ...)}.
 * Each test works in namespaces (and nodes) of its own, named after the kubectl version.
 */
class KubectlTest {

    /** An age as kubectl prints a recent one (HumanDuration under two minutes). */
    private static final String AGE = "\\d+s";
    private static final String IMAGE_PULL_FAILURE = "Failed to pull image \"nginxa:1.8\": rpc error: code = Unknown "
            + "desc = failed to pull and unpack image \"docker.io/library/nginxa:1.8\": failed to resolve reference "
            + "\"docker.io/library/nginxa:1.8\": pull access denied, repository does not exist or may require "
            + "authorization: server message: insufficient_scope: authorization failed";
    private static final String UNSCHEDULABLE = "0/2 nodes are available: 1 node(s) didn't match Pod's node "
            + "affinity, 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.";

    private static Cluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getEventsInAllNamespaces(KubectlBinary binary, @TempDir Path work) {
        String injection = cluster.createNamespace("injection-" + binary.tag());
        String nginxInjection = cluster.createNamespace("nginx-injection-" + binary.tag());
        Pod alpine01 = cluster.createPod(injection, "alpine01", "alpine", "alpine");
        Pod inject01 = cluster.createPod(nginxInjection, "test-alpine-inject-01", "alpine", "alpine");
        Pod inject02 = cluster.createPod(nginxInjection, "test-alpine-inject-02", "alpine", "alpine");
        try (Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            kubelet.failedMount(alpine01, "nginx-conf", "nginx-configmap");
            for (Pod pod : List.of(inject01, inject02)) {
                kubelet.pulled(pod, "alpine");
                kubelet.created(pod);
                kubelet.started(pod);
            }
            kubelet.flush();
        }

        TextTable table = cluster.kubectl(binary, work).run("get", "events", "-A").succeeded().table();

        assertThat(table.columns()).containsExactly("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        List<Map<String, String>> ours = table.rows().stream()
                .filter(row -> row.get("NAMESPACE").equals(injection) || row.get("NAMESPACE").equals(nginxInjection))
                .toList();
        assertThat(ours).allSatisfy(row -> assertThat(row.get("LAST SEEN")).matches(AGE));
        assertThat(ours).map(row -> List.of(row.get("NAMESPACE"), row.get("TYPE"), row.get("REASON"),
                row.get("OBJECT"), row.get("MESSAGE"))).containsExactlyInAnyOrder(
                List.of(injection, "Warning", "FailedMount", "pod/alpine01",
                        "MountVolume.SetUp failed for volume \"nginx-conf\" : configmap \"nginx-configmap\" not found"),
                List.of(nginxInjection, "Normal", "Pulled", "pod/test-alpine-inject-01",
                        "Container image \"alpine\" already present on machine"),
                List.of(nginxInjection, "Normal", "Created", "pod/test-alpine-inject-01", "Created container alpine"),
                List.of(nginxInjection, "Normal", "Started", "pod/test-alpine-inject-01", "Started container alpine"),
                List.of(nginxInjection, "Normal", "Pulled", "pod/test-alpine-inject-02",
                        "Container image \"alpine\" already present on machine"),
                List.of(nginxInjection, "Normal", "Created", "pod/test-alpine-inject-02", "Created container alpine"),
                List.of(nginxInjection, "Normal", "Started", "pod/test-alpine-inject-02", "Started container alpine"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getEventsWideShowsSourceCountAndName(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("wide-" + binary.tag());
        Pod pod = cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        try (Scheduler scheduler = new Scheduler(cluster.client());
             Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            for (int i = 0; i < 3; i++) {
                scheduler.failedScheduling(pod, UNSCHEDULABLE);
            }
            scheduler.scheduled(pod, "k8s-node01");
            for (int i = 0; i < 4; i++) {
                kubelet.pulling(pod, "nginx:1.8");
            }
            kubelet.flush();
        } // closing the scheduler writes the series' final count

        TextTable table = cluster.kubectl(binary, work).run("get", "ev", "-o", "wide", "-n", namespace).succeeded()
                .table();

        assertThat(table.columns()).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE",
                "MESSAGE", "FIRST SEEN", "COUNT", "NAME");
        assertThat(table.rows()).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("LAST SEEN")).matches(AGE);
            assertThat(row.get("FIRST SEEN")).matches(AGE);
            assertThat(row.get("OBJECT")).isEqualTo("pod/nginx-pod-failed-to-scheduler");
            assertThat(row.get("NAME")).startsWith("nginx-pod-failed-to-scheduler.");
        });
        assertThat(table.row("REASON", "FailedScheduling")).containsAllEntriesOf(Map.of("TYPE", "Warning",
                "SUBOBJECT", "", "SOURCE", "default-scheduler, default-scheduler-k8s-master01",
                "MESSAGE", UNSCHEDULABLE, "COUNT", "3"));
        assertThat(table.row("REASON", "Scheduled")).containsAllEntriesOf(Map.of("TYPE", "Normal",
                "SUBOBJECT", "", "SOURCE", "default-scheduler, default-scheduler-k8s-master01",
                "MESSAGE", "Successfully assigned " + namespace + "/nginx-pod-failed-to-scheduler to k8s-node01",
                "COUNT", "1"));
        assertThat(table.row("REASON", "Pulling")).containsAllEntriesOf(Map.of("TYPE", "Normal",
                "SUBOBJECT", "spec.containers{nginx}", "SOURCE", "kubelet, k8s-node01",
                "MESSAGE", "Pulling image \"nginx:1.8\"", "COUNT", "4"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getEventsByFieldSelector(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("selector-" + binary.tag());
        Pod test = cluster.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
        Pod other = cluster.createPod(namespace, "nginx-pod", "nginxa:1.8");
        try (Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            kubelet.pulling(test, "nginxa:1.8");
            kubelet.failedToPull(test, "nginxa:1.8");
            kubelet.errImagePull(test);
            kubelet.pulling(other, "nginxa:1.8");
            kubelet.errImagePull(other);
            kubelet.flush();
        }
        Kubectl kubectl = cluster.kubectl(binary, work);

        TextTable table = kubectl.run("get", "events", "-n", namespace,
                "--field-selector", "involvedObject.name=nginx-pod-test,type=Warning").succeeded().table();

        assertThat(table.columns()).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(table.rowsWithout("LAST SEEN")).containsExactlyInAnyOrder(
                Map.of("TYPE", "Warning", "REASON", "Failed", "OBJECT", "pod/nginx-pod-test",
                        "MESSAGE", IMAGE_PULL_FAILURE),
                Map.of("TYPE", "Warning", "REASON", "Failed", "OBJECT", "pod/nginx-pod-test",
                        "MESSAGE", "Error: ErrImagePull"));

        // A selector the server does not support is a 400 (answered at once, so a short request timeout).
        Background.Result unsupported = kubectl.run("get", "events", "-n", namespace, "--field-selector", "color=red",
                "--request-timeout=5s");
        assertThat(unsupported.exitCode()).as("%s", unsupported).isEqualTo(1);
        assertThat(unsupported.stderr()).contains("Error from server (BadRequest)")
                .contains("field label not supported: color");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getEventsWatchPrintsNewEventsOnce(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("watch-" + binary.tag());
        Pod pod = cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        try (Scheduler scheduler = new Scheduler(cluster.client());
             Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            scheduler.failedScheduling(pod, UNSCHEDULABLE);
            scheduler.flush();

            try (Background watch = cluster.kubectl(binary, work).start("get", "events", "-w",
                    "-n", namespace)) {
                await("the initial listing").atMost(Duration.ofSeconds(30))
                        .until(() -> watch.stdout().contains(UNSCHEDULABLE));

                // The seed's fix: the node gets its label, the pod is scheduled and starts.
                scheduler.scheduled(pod, "k8s-node01");
                scheduler.flush();
                kubelet.pulled(pod, "nginx:1.8");
                kubelet.flush();
                kubelet.created(pod);
                kubelet.flush();
                kubelet.started(pod);
                kubelet.flush();

                List<String> messages = List.of(UNSCHEDULABLE,
                        "Successfully assigned " + namespace + "/nginx-pod-failed-to-scheduler to k8s-node01",
                        "Container image \"nginx:1.8\" already present on machine", "Created container nginx",
                        "Started container nginx");
                await("the new events").atMost(Duration.ofSeconds(30))
                        .until(() -> watch.stdout().contains("Started container nginx"));
                assertThat(watch.isAlive()).as("kubectl get -w keeps watching").isTrue();
                Background.Result printed = watch.stop();

                List<String> lines = printed.stdout().lines().filter(line -> !line.isBlank()).toList();
                assertThat(lines.get(0).split("\\s{2,}")).as("%s", printed)
                        .containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
                List<List<String>> rows = lines.subList(1, lines.size()).stream()
                        .map(line -> Arrays.asList(line.trim().split("\\s{2,}", 5))).toList();
                assertThat(rows).as("%s", printed).hasSize(messages.size());
                assertThat(rows).map(row -> row.get(4)).as("%s", printed).containsExactlyElementsOf(messages);
                assertThat(rows).allSatisfy(row -> {
                    assertThat(row.get(0)).matches(AGE);
                    assertThat(row.get(3)).isEqualTo("pod/nginx-pod-failed-to-scheduler");
                });
                assertThat(rows).map(row -> row.get(2))
                        .containsExactly("FailedScheduling", "Scheduled", "Pulled", "Created", "Started");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void describePodShowsCountedEvents(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("describe-" + binary.tag());
        Pod pod = cluster.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
        try (Scheduler scheduler = new Scheduler(cluster.client());
             Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            scheduler.scheduled(pod, "k8s-node01");
            scheduler.flush();
            for (int i = 0; i < 4; i++) {
                kubelet.pulling(pod, "nginxa:1.8");
                kubelet.failedToPull(pod, "nginxa:1.8");
                kubelet.errImagePull(pod);
            }
            for (int i = 0; i < 6; i++) {
                kubelet.backOff(pod, "nginxa:1.8");
            }
            for (int i = 0; i < 7; i++) {
                kubelet.imagePullBackOff(pod);
            }
            kubelet.flush();
        }

        String output = cluster.kubectl(binary, work).run("describe", "pod", "nginx-pod-test", "-n", namespace)
                .succeeded().stdout();

        assertThat(output).startsWith("Name:").contains("Namespace:", namespace).contains("Status:", "Pending")
                .contains("Image:", "nginxa:1.8");
        TextTable events = eventsSection(output);
        assertThat(events.columns()).containsExactly("Type", "Reason", "Age", "From", "Message");
        assertThat(events.rowsWithout("Age")).containsExactlyInAnyOrder(
                Map.of("Type", "Normal", "Reason", "Scheduled", "From", "default-scheduler",
                        "Message", "Successfully assigned " + namespace + "/nginx-pod-test to k8s-node01"),
                Map.of("Type", "Normal", "Reason", "Pulling", "From", "kubelet",
                        "Message", "Pulling image \"nginxa:1.8\""),
                Map.of("Type", "Warning", "Reason", "Failed", "From", "kubelet", "Message", IMAGE_PULL_FAILURE),
                Map.of("Type", "Warning", "Reason", "Failed", "From", "kubelet", "Message", "Error: ErrImagePull"),
                Map.of("Type", "Normal", "Reason", "BackOff", "From", "kubelet",
                        "Message", "Back-off pulling image \"nginxa:1.8\""),
                Map.of("Type", "Warning", "Reason", "Failed", "From", "kubelet",
                        "Message", "Error: ImagePullBackOff"));
        Map<String, String> ageByMessage = events.rows().stream()
                .collect(Collectors.toMap(row -> row.get("Message"), row -> row.get("Age")));
        assertThat(ageByMessage.get("Successfully assigned " + namespace + "/nginx-pod-test to k8s-node01"))
                .matches(AGE);
        assertThat(ageByMessage.get("Pulling image \"nginxa:1.8\"")).matches(AGE + " \\(x4 over " + AGE + "\\)");
        assertThat(ageByMessage.get(IMAGE_PULL_FAILURE)).matches(AGE + " \\(x4 over " + AGE + "\\)");
        assertThat(ageByMessage.get("Error: ErrImagePull")).matches(AGE + " \\(x4 over " + AGE + "\\)");
        assertThat(ageByMessage.get("Back-off pulling image \"nginxa:1.8\"")).matches(AGE + " \\(x6 over " + AGE
                + "\\)");
        assertThat(ageByMessage.get("Error: ImagePullBackOff")).matches(AGE + " \\(x7 over " + AGE + "\\)");
    }

    @Test
    void kubectlEventsCommandOf132(@TempDir Path work) {
        String namespace = cluster.createNamespace("events-cmd");
        Pod pod = cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        try (Scheduler scheduler = new Scheduler(cluster.client());
             Kubelet kubelet = new Kubelet(cluster.client(), "k8s-node01")) {
            scheduler.failedScheduling(pod, UNSCHEDULABLE);
            scheduler.flush();
            scheduler.scheduled(pod, "k8s-node01");
            scheduler.flush();
            kubelet.pulled(pod, "nginx:1.8");
            kubelet.pulled(pod, "nginx:1.8");
            kubelet.flush();
        }
        Kubectl kubectl = cluster.kubectl(KubectlBinary.V1_32, work);

        TextTable all = kubectl.run("events", "-n", namespace).succeeded().table();

        assertThat(all.columns()).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
        assertThat(all.rows()).map(row -> row.get("REASON")).containsExactlyInAnyOrder("FailedScheduling",
                "Scheduled", "Pulled");
        assertThat(all.rows()).map(row -> row.get("REASON")).containsSubsequence("FailedScheduling", "Scheduled");
        assertThat(all.rows()).allSatisfy(row -> assertThat(row.get("OBJECT"))
                .isEqualTo("Pod/nginx-pod-failed-to-scheduler"));
        assertThat(all.row("REASON", "FailedScheduling")).containsEntry("TYPE", "Warning")
                .containsEntry("MESSAGE", UNSCHEDULABLE);
        assertThat(all.row("REASON", "FailedScheduling").get("LAST SEEN")).matches(AGE);
        assertThat(all.row("REASON", "Pulled").get("LAST SEEN")).matches(AGE + " \\(x2 over " + AGE + "\\)");

        TextTable warnings = kubectl.run("events", "-n", namespace, "--for", "pod/nginx-pod-failed-to-scheduler",
                "--types", "Warning").succeeded().table();
        assertThat(warnings.rows()).map(row -> row.get("REASON")).containsExactly("FailedScheduling");

        Background.Result none = kubectl.run("events", "-n", cluster.createNamespace("events-cmd-empty"));
        assertThat(none.exitCode()).isZero();
        assertThat(none.stderr()).contains("No events found in events-cmd-empty namespace.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void createThenApplyTheSeedManifests(KubectlBinary binary, @TempDir Path work) throws IOException {
        String namespace = cluster.createNamespace("manifests-" + binary.tag());
        Kubectl kubectl = cluster.kubectl(binary, work);
        Path failedToSchedule = example("nginx-pod-failed-to-scheduler.yaml");
        Path podTest = example("nginx-pod-test.yaml");

        assertThat(kubectl.run("create", "-f", failedToSchedule.toString(), "-n", namespace).succeeded().stdout())
                .isEqualTo("pod/nginx-pod-failed-to-scheduler created\n");
        Pod created = cluster.client().pods().inNamespace(namespace).withName("nginx-pod-failed-to-scheduler").get();
        assertThat(created.getSpec().getNodeSelector()).containsExactly(Map.entry("disktype", "ssd"));
        assertThat(created.getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("nginx:1.8"));

        Background.Result again = kubectl.run("create", "-f", failedToSchedule.toString(), "-n", namespace);
        assertThat(again.exitCode()).as("%s", again).isEqualTo(1);
        assertThat(again.stderr()).contains("Error from server (AlreadyExists): error when creating \""
                + failedToSchedule + "\": pods \"nginx-pod-failed-to-scheduler\" already exists");

        assertThat(kubectl.run("apply", "-f", podTest.toString(), "-n", namespace).succeeded().stdout())
                .isEqualTo("pod/nginx-pod-test created\n");
        assertThat(lastApplied(namespace, "nginx-pod-test")).contains("\"image\":\"nginxa:1.8\"");
        assertThat(kubectl.run("apply", "-f", podTest.toString(), "-n", namespace).succeeded().stdout())
                .isEqualTo("pod/nginx-pod-test unchanged\n");

        // A second apply that changes the manifest: kubectl sends a strategic merge patch (a map change).
        Path labelled = work.resolve("nginx-pod-test-labelled.yaml");
        Files.writeString(labelled, Files.readString(podTest).replace("  name: nginx-pod-test\n",
                "  name: nginx-pod-test\n  labels:\n    app: nginx\n"));
        assertThat(kubectl.run("apply", "-f", labelled.toString(), "-n", namespace).succeeded().stdout())
                .isEqualTo("pod/nginx-pod-test configured\n");
        Pod afterLabel = cluster.client().pods().inNamespace(namespace).withName("nginx-pod-test").get();
        assertThat(afterLabel.getMetadata().getLabels()).containsEntry("app", "nginx");
        assertThat(lastApplied(namespace, "nginx-pod-test")).contains("\"app\":\"nginx\"");

        // The seed's fix of the image name: a change inside the containers list (merged by name).
        Path fixed = work.resolve("nginx-pod-test-fixed.yaml");
        Files.writeString(fixed, Files.readString(labelled).replace("image: nginxa:1.8", "image: nginx:1.8"));
        assertThat(kubectl.run("apply", "-f", fixed.toString(), "-n", namespace).succeeded().stdout())
                .isEqualTo("pod/nginx-pod-test configured\n");
        Pod afterFix = cluster.client().pods().inNamespace(namespace).withName("nginx-pod-test").get();
        assertThat(afterFix.getSpec().getContainers()).singleElement().satisfies(container -> {
            assertThat(container.getName()).isEqualTo("nginx");
            assertThat(container.getImage()).isEqualTo("nginx:1.8");
        });
        assertThat(afterFix.getMetadata().getLabels()).containsEntry("app", "nginx");
        assertThat(lastApplied(namespace, "nginx-pod-test")).contains("\"image\":\"nginx:1.8\"");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void labelNode(KubectlBinary binary, @TempDir Path work) {
        String node = "k8s-node01-" + binary.tag();
        cluster.createNode(node, "v1.20.1");
        Kubectl kubectl = cluster.kubectl(binary, work);

        assertThat(kubectl.run("label", "nodes", node, "disktype=ssd").succeeded().stdout())
                .isEqualTo("node/" + node + " labeled\n");

        assertThat(cluster.client().nodes().withName(node).get().getMetadata().getLabels())
                .containsEntry("disktype", "ssd");
        TextTable ssd = kubectl.run("get", "nodes", "-l", "disktype=ssd").succeeded().table();
        assertThat(ssd.rows()).map(row -> row.get("NAME")).contains(node);

        Background.Result conflict = kubectl.run("label", "nodes", node, "disktype=hdd");
        assertThat(conflict.exitCode()).as("%s", conflict).isEqualTo(1);
        assertThat(conflict.stderr()).contains("'disktype' already has a value (ssd), and --overwrite is false");
        // kubectl 1.20 says "labeled" for a removal too; "unlabeled" came later.
        assertThat(kubectl.run("label", "nodes", node, "disktype-").succeeded().stdout())
                .isEqualTo("node/" + node + (binary == KubectlBinary.V1_20 ? " labeled\n" : " unlabeled\n"));
        assertThat(cluster.client().nodes().withName(node).get().getMetadata().getLabels())
                .doesNotContainKey("disktype");
    }

    /** kubectl 1.32 sends these two as protobuf (and 1.20 as JSON); both must land as the same objects. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void createNamespaceAndConfigMap(KubectlBinary binary, @TempDir Path work) throws IOException {
        String namespace = "created-" + binary.tag();
        Kubectl kubectl = cluster.kubectl(binary, work);
        Path blob = work.resolve("blob.bin");
        Files.write(blob, new byte[] {0, 1, (byte) 0xff, 'x'});

        assertThat(kubectl.run("create", "namespace", namespace).succeeded().stdout())
                .isEqualTo("namespace/" + namespace + " created\n");
        assertThat(kubectl.run("create", "configmap", "settings", "-n", namespace, "--from-literal=mode=fast",
                "--from-file=blob=" + blob).succeeded().stdout()).isEqualTo("configmap/settings created\n");

        assertThat(cluster.client().namespaces().withName(namespace).get().getStatus().getPhase())
                .isEqualTo("Active");
        ConfigMap settings = cluster.client().configMaps().inNamespace(namespace).withName("settings").get();
        assertThat(settings.getData()).containsExactly(Map.entry("mode", "fast"));
        assertThat(Base64.getDecoder().decode(settings.getBinaryData().get("blob")))
                .isEqualTo(new byte[] {0, 1, (byte) 0xff, 'x'});
        Background.Result again = kubectl.run("create", "namespace", namespace);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("namespaces \"" + namespace + "\" already exists");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void deletePodWaitsUntilItIsGone(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("delete-" + binary.tag());
        cluster.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
        Kubectl kubectl = cluster.kubectl(binary, work);

        assertThat(kubectl.run("delete", "pod", "nginx-pod-test", "-n", namespace).succeeded().stdout())
                .isEqualTo("pod \"nginx-pod-test\" deleted\n");

        assertThat(cluster.client().pods().inNamespace(namespace).withName("nginx-pod-test").get()).isNull();
        Background.Result empty = kubectl.run("get", "pods", "-n", namespace).succeeded();
        assertThat(empty.stdout()).isEmpty();
        assertThat(empty.stderr()).contains("No resources found in " + namespace + " namespace.");
        Background.Result missing = kubectl.run("delete", "pod", "nginx-pod-test", "-n", namespace);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("Error from server (NotFound): pods \"nginx-pod-test\" not found");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getPods(KubectlBinary binary, @TempDir Path work) {
        String namespace = cluster.createNamespace("pods-" + binary.tag());
        cluster.createPod(namespace, "nginx-pod-failed-to-scheduler", "nginx:1.8");
        Pod running = cluster.createPod(namespace, "nginx-pod", "nginx:1.8");
        Pod backOff = cluster.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
        // What the kubelet reports for a started container and for one whose image cannot be pulled.
        running.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("10.100.85.219")
                .withHostIP("172.20.70.215").addToContainerStatuses(new ContainerStatusBuilder().withName("nginx")
                        .withImage("nginx:1.8").withImageID("").withReady(true).withStarted(true).withRestartCount(0)
                        .withNewState().withNewRunning().withStartedAt("2021-09-15T11:13:25Z").endRunning()
                        .endState().build()).build());
        cluster.client().pods().inNamespace(namespace).resource(running).updateStatus();
        backOff.setStatus(new PodStatusBuilder().withPhase("Pending").withPodIP("10.100.85.220")
                .withHostIP("172.20.70.215").addToContainerStatuses(new ContainerStatusBuilder().withName("nginx")
                        .withImage("nginxa:1.8").withImageID("").withReady(false).withStarted(false)
                        .withRestartCount(0).withNewState().withNewWaiting().withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"nginxa:1.8\"").endWaiting().endState().build())
                .build());
        cluster.client().pods().inNamespace(namespace).resource(backOff).updateStatus();

        TextTable table = cluster.kubectl(binary, work).run("get", "pods", "-n", namespace).succeeded().table();

        assertThat(table.columns()).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        assertThat(table.rows()).allSatisfy(row -> assertThat(row.get("AGE")).matches(AGE));
        assertThat(table.rowsWithout("AGE")).containsExactly(
                Map.of("NAME", "nginx-pod", "READY", "1/1", "STATUS", "Running", "RESTARTS", "0"),
                Map.of("NAME", "nginx-pod-failed-to-scheduler", "READY", "0/1", "STATUS", "Pending", "RESTARTS", "0"),
                Map.of("NAME", "nginx-pod-test", "READY", "0/1", "STATUS", "ImagePullBackOff", "RESTARTS", "0"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(KubectlBinary.class)
    void getNodes(KubectlBinary binary, @TempDir Path work) {
        String master = "k8s-master01-" + binary.tag();
        String node = "k8s-node02-" + binary.tag();
        String notReady = "k8s-node03-" + binary.tag();
        cluster.createNode(master, "v1.20.1", "control-plane", "master");
        cluster.createNode(node, "v1.20.1");
        cluster.createNode(notReady, false, "v1.20.1");

        TextTable table = cluster.kubectl(binary, work).run("get", "nodes").succeeded().table();

        assertThat(table.columns()).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(table.row("NAME", master)).containsEntry("STATUS", "Ready")
                .containsEntry("ROLES", "control-plane,master").containsEntry("VERSION", "v1.20.1");
        assertThat(table.row("NAME", node)).containsEntry("STATUS", "Ready").containsEntry("ROLES", "<none>")
                .containsEntry("VERSION", "v1.20.1");
        assertThat(table.row("NAME", notReady)).containsEntry("STATUS", "NotReady");
        assertThat(table.row("NAME", master).get("AGE")).matches(AGE);

        TextTable wide = cluster.kubectl(binary, work).run("get", "nodes", node, "-o", "wide").succeeded().table();
        assertThat(wide.columns()).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP",
                "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
        assertThat(wide.row("NAME", node)).containsEntry("INTERNAL-IP", "172.20.70.215")
                .containsEntry("EXTERNAL-IP", "<none>").containsEntry("OS-IMAGE", "CentOS Linux 7 (Core)")
                .containsEntry("KERNEL-VERSION", "3.10.0-1160.el7.x86_64")
                .containsEntry("CONTAINER-RUNTIME", "containerd://1.4.3");
    }

    /** The Events section at the end of {@code kubectl describe}. */
    private static TextTable eventsSection(String describe) {
        List<String> lines = describe.lines().toList();
        int start = lines.indexOf("Events:");
        assertThat(start).as("an Events: section in\n%s", describe).isNotNegative();
        return TextTable.parse(lines.get(start + 1), lines.subList(start + 2, lines.size()));
    }

    private static String lastApplied(String namespace, String pod) {
        return cluster.client().pods().inNamespace(namespace).withName(pod).get().getMetadata().getAnnotations()
                .get("kubectl.kubernetes.io/last-applied-configuration");
    }

    /** One of the seed's manifests in examples/. */
    private static Path example(String name) {
        Path path = Path.of(System.getProperty("kevents.examples", "../examples"), name).toAbsolutePath()
                .normalize();
        assertThat(path).exists();
        return path;
    }
}
