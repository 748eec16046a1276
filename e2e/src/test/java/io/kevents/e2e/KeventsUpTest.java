package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's end-to-end test: the real launcher ({@code ./kevents up}, built first if sources changed) and real
 * kubectl run every scenario of the seed article, in the seed's namespaces ({@code default}, {@code injection}) and
 * with the seed's manifests ({@code examples/}), and the output is checked as a user would read it:
 * <ul>
 *   <li>{@code kubectl get events -A}: {@code FailedMount} of {@code alpine01} until its configmap is created, then
 *       {@code Pulled}/{@code Created}/{@code Started} and Running;</li>
 *   <li>{@code FailedScheduling} of {@code nginx-pod-failed-to-scheduler} byte for byte; {@code get nodes};
 *       {@code kubectl label nodes ... disktype=ssd}, after which the pod is Running within seconds with
 *       {@code Scheduled}, {@code Pulled ... already present on machine}, {@code Created}, {@code Started};</li>
 *   <li>{@code kubectl describe pod nginx-pod-test} (image {@code nginxa:1.8} does not exist): the Pulling, Failed,
 *       ErrImagePull, BackOff and ImagePullBackOff rows with {@code (xN over ...)} counts of at least 2 that grow
 *       between two describes, the pod in {@code ImagePullBackOff}, and {@code kubectl logs} refusing with the
 *       kubelet's text.</li>
 * </ul>
 * Three sessions run at the same time, each on a cluster of its own: the seed profile ({@code --profile seed},
 * Kubernetes 1.20.1) with kubectl 1.20 and with kubectl 1.32, and the standard profile (Kubernetes 1.32) with kubectl
 * 1.32, which must give the current texts. Each session ends with SIGTERM and checks that every event was written.
 */
class KeventsUpTest {

    /** Starting a launcher may include building the project (sources newer than its stamp). */
    private static final Duration STARTUP = Duration.ofMinutes(6);
    /** A whole session: start, scenarios (about 90 s of image back-off), stop. */
    private static final Duration SESSION = Duration.ofMinutes(12);
    private static final Duration POLL = Duration.ofSeconds(1);

    private static final String STOPPED = "kevents: stopped; every recorded event was written.";
    private static final String PULL_ERROR = "rpc error: code = Unknown desc = failed to pull and unpack image "
            + "\"docker.io/library/nginxa:1.8\": failed to resolve reference \"docker.io/library/nginxa:1.8\": pull "
            + "access denied, repository does not exist or may require authorization: server message: "
            + "insufficient_scope: authorization failed";
    private static final String FAILED_MOUNT = "MountVolume.SetUp failed for volume \"nginx-conf\" : configmap "
            + "\"nginx-configmap\" not found";
    private static final String SCHEDULING_POD = "nginx-pod-failed-to-scheduler";
    private static final String BACK_OFF_POD = "nginx-pod-test";

    /** The kubelet's rows in {@code describe pod nginx-pod-test}: type, reason, message. */
    private static final List<List<String>> BACK_OFF_ROWS = List.of(
            List.of("Normal", "Pulling", "Pulling image \"nginxa:1.8\""),
            List.of("Warning", "Failed", "Failed to pull image \"nginxa:1.8\": " + PULL_ERROR),
            List.of("Warning", "Failed", "Error: ErrImagePull"),
            List.of("Normal", "BackOff", "Back-off pulling image \"nginxa:1.8\""),
            List.of("Warning", "Failed", "Error: ImagePullBackOff"));

    /** An Age cell of describe: {@code 57s}, or {@code 27s (x2 over 49s)} for a repeated event. */
    private static final Pattern AGE = Pattern.compile(
            "(\\d+[smhd][0-9smhd]*)(?: \\(x(\\d+) over (\\d+[smhd][0-9smhd]*)\\))?");

    @TempDir
    static Path work;

    private static final Object START_LOCK = new Object();
    private static final List<KeventsUp> LAUNCHERS = new CopyOnWriteArrayList<>();
    private static ExecutorService sessions;
    private static Future<?> seedWith120;
    private static Future<?> seedWith132;
    private static Future<?> currentWith132;

    /** What a profile's cluster looks like and says. */
    private record Profile(String name, List<String> args, String kubernetesVersion, String kubeletVersion,
                           String backOffWaitingMessage) {
    }

    private static final Profile SEED = new Profile("seed", List.of("--profile", "seed"), "1.20.1", "v1.20.1",
            "Back-off pulling image \"nginxa:1.8\"");
    private static final Profile CURRENT = new Profile("standard", List.of(), "1.32.0", "v1.32.0",
            "Back-off pulling image \"nginxa:1.8\": ErrImagePull: " + PULL_ERROR);

    @BeforeAll
    static void startSessions() {
        sessions = Executors.newFixedThreadPool(3, task -> {
            Thread thread = new Thread(task, "kevents-up-session");
            thread.setDaemon(true);
            return thread;
        });
        seedWith120 = sessions.submit(() -> new Session(SEED, KubectlBinary.V1_20).run());
        seedWith132 = sessions.submit(() -> new Session(SEED, KubectlBinary.V1_32).run());
        currentWith132 = sessions.submit(() -> new Session(CURRENT, KubectlBinary.V1_32).run());
    }

    @AfterAll
    static void stopEverything() {
        if (sessions != null) {
            sessions.shutdownNow();
        }
        LAUNCHERS.forEach(KeventsUp::close);
    }

    @Test
    void seedProfileWithKubectl120() throws Exception {
        outcome(seedWith120);
    }

    @Test
    void seedProfileWithKubectl132() throws Exception {
        outcome(seedWith132);
    }

    @Test
    void currentProfileWithKubectl132() throws Exception {
        outcome(currentWith132);
    }

    /** Waits for a session and reports its failure as this test's. */
    private static void outcome(Future<?> session) throws Exception {
        try {
            session.get(SESSION.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the session did not finish within " + SESSION, e);
        }
    }

    /** One cluster and one kubectl through all of the seed's scenarios. */
    private static final class Session {

        private final Profile profile;
        private final KubectlBinary binary;
        private final String name;
        private final long started = System.nanoTime();
        private KeventsUp up;
        private Kubectl kubectl;

        Session(Profile profile, KubectlBinary binary) {
            this.profile = profile;
            this.binary = binary;
            this.name = profile.name() + "-" + binary.tag();
        }

        void run() {
            synchronized (START_LOCK) { // one build at a time, if the launcher has to build
                up = KeventsUp.start(work.resolve(name), STARTUP, profile.args().toArray(String[]::new));
            }
            LAUNCHERS.add(up);
            try (KeventsUp launcher = up) {
                log("up in %d ms: %s", launcher.startup().toMillis(), launcher.url());
                kubectl = launcher.kubectl(binary, work.resolve(name + "-kubectl"));
                assertThat(launcher.kubernetesVersion()).isEqualTo(profile.kubernetesVersion());
                List<String> nodes = nodesAreReady();

                // The slow parts first: the image that cannot be pulled backs off while the rest runs, and
                // alpine01 waits for its configmap. Its namespace is the seed's "injection", created as the seed does
                // (kubectl 1.32 posts it as protobuf).
                assertThat(ok("create", "namespace", "injection").stdout())
                        .isEqualTo("namespace/injection created\n");
                assertThat(ok("create", "-f", example("alpine01.yaml"), "-n", "injection").stdout())
                        .isEqualTo("pod/alpine01 created\n");
                assertThat(ok("create", "-f", example("nginx-pod-test.yaml")).stdout())
                        .isEqualTo("pod/" + BACK_OFF_POD + " created\n");

                failedMountUntilTheConfigMapExists();
                labelFixesScheduling(nodes);
                alpineRunsOnceItsConfigMapExists();
                describeShowsTheBackOffGrowing();

                String printed = launcher.stop();
                assertThat(printed).as("./kevents up's output after SIGTERM").contains(STOPPED);
                log("stopped; whole session %d s", (System.nanoTime() - started) / 1_000_000_000L);
            }
        }

        /** {@code kubectl get nodes}: every node Ready, with the roles and version of the profile's cluster. */
        private List<String> nodesAreReady() {
            List<String> nodes = up.nodeNames().stream().sorted().toList(); // kubectl lists them by name
            if (profile == SEED) {
                assertThat(nodes).containsExactly("k8s-master01", "k8s-node01");
            } else {
                assertThat(nodes).isNotEmpty().allSatisfy(node -> assertThat(node).startsWith("kevents-worker-"));
            }
            await(name + ": nodes Ready").atMost(Duration.ofSeconds(60)).pollInterval(POLL).untilAsserted(() -> {
                TextTable table = ok("get", "nodes").table();
                assertThat(table.columns()).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
                List<Map<String, String>> expected = new ArrayList<>();
                for (String node : nodes) {
                    expected.add(Map.of("NAME", node, "STATUS", "Ready", "ROLES",
                            node.equals("k8s-master01") ? "control-plane,master" : "<none>",
                            "VERSION", profile.kubeletVersion()));
                }
                assertThat(table.rowsWithout("AGE")).as("%s", table).containsExactlyElementsOf(expected);
            });
            return nodes;
        }

        /**
         * {@code get events -A} shows alpine01's FailedMount while its configmap is missing (and the pod is not
         * running); then {@code kubectl create -f nginx-configmap.yaml}.
         */
        private void failedMountUntilTheConfigMapExists() {
            await(name + ": FailedMount in get events -A").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TextTable events = ok("get", "events", "-A").table();
                        assertThat(events.columns()).containsExactly("NAMESPACE", "LAST SEEN", "TYPE", "REASON",
                                "OBJECT", "MESSAGE");
                        assertThat(rows(events, "injection", "pod/alpine01", "FailedMount")).as("%s", events)
                                .isNotEmpty().allSatisfy(row -> assertThat(row)
                                        .containsEntry("TYPE", "Warning").containsEntry("MESSAGE", FAILED_MOUNT));
                        assertThat(ok("get", "pods", "-n", "injection").table().row("NAME", "alpine01"))
                                .containsEntry("READY", "0/1").containsEntry("STATUS", "ContainerCreating");
                    });
            assertThat(ok("create", "-f", example("nginx-configmap.yaml"), "-n", "injection").stdout())
                    .isEqualTo("configmap/nginx-configmap created\n");
        }

        /**
         * The scheduler's part: FailedScheduling with the version's exact text, the pod Pending, {@code get nodes},
         * {@code label nodes <worker> disktype=ssd}, and the pod Running on that worker within seconds with the
         * Scheduled, Pulled, Created and Started events.
         */
        private void labelFixesScheduling(List<String> nodes) {
            String worker = profile == SEED ? "k8s-node01" : nodes.get(0);
            String expected = profile == SEED
                    ? "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity, 1 node(s) had taint "
                            + "{node-role.kubernetes.io/master: }, that the pod didn't tolerate."
                    : String.format("0/%1$d nodes are available: %1$d node(s) didn't match Pod's node "
                            + "affinity/selector. preemption: 0/%1$d nodes are available: %1$d Preemption is not "
                            + "helpful for scheduling.", nodes.size());
            assertThat(ok("create", "-f", example("nginx-pod-failed-to-scheduler.yaml")).stdout())
                    .isEqualTo("pod/" + SCHEDULING_POD + " created\n");
            await(name + ": FailedScheduling in get events -A").atMost(Duration.ofSeconds(60)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TextTable events = ok("get", "events", "-A").table();
                        assertThat(rows(events, "default", "pod/" + SCHEDULING_POD, "FailedScheduling"))
                                .as("%s", events).isNotEmpty().allSatisfy(row -> assertThat(row)
                                        .containsEntry("TYPE", "Warning").containsEntry("MESSAGE", expected));
                    });
            assertThat(ok("get", "pods").table().row("NAME", SCHEDULING_POD)).containsEntry("READY", "0/1")
                    .containsEntry("STATUS", "Pending").containsEntry("RESTARTS", "0");
            TextTable before = ok("get", "nodes").table();

            assertThat(ok("label", "nodes", worker, "disktype=ssd").stdout())
                    .isEqualTo("node/" + worker + " labeled\n");
            long labelled = System.nanoTime();

            // The label is not a role: get nodes looks the same.
            assertThat(ok("get", "nodes").table().rowsWithout("AGE")).isEqualTo(before.rowsWithout("AGE"));
            await(name + ": " + SCHEDULING_POD + " Running after the label").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                            assertThat(ok("get", "pods").table().row("NAME", SCHEDULING_POD))
                                    .containsEntry("READY", "1/1").containsEntry("STATUS", "Running")
                                    .containsEntry("RESTARTS", "0"));
            log("%s Running %d ms after the label", SCHEDULING_POD, (System.nanoTime() - labelled) / 1_000_000L);

            List<List<String>> after = List.of(
                    List.of("Warning", "FailedScheduling", expected),
                    List.of("Normal", "Scheduled", "Successfully assigned default/" + SCHEDULING_POD + " to " + worker),
                    List.of("Normal", "Pulled", "Container image \"nginx:1.8\" already present on machine"),
                    List.of("Normal", "Created", "Created container nginx"),
                    List.of("Normal", "Started", "Started container nginx"));
            await(name + ": the scheduled pod's events").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TextTable events = ok("get", "events").table();
                        assertThat(events.columns()).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT",
                                "MESSAGE");
                        assertThat(typeReasonMessage(events.rowsWhere("OBJECT", "pod/" + SCHEDULING_POD)))
                                .as("%s", events).containsExactlyInAnyOrderElementsOf(after);
                    });
        }

        /** Once the configmap exists, the next mount retry succeeds: alpine01 is Running, with its events. */
        private void alpineRunsOnceItsConfigMapExists() {
            // The mount back-off (500 ms doubling) is not cut short by the configmap: allow for one long wait.
            await(name + ": alpine01 Running").atMost(Duration.ofSeconds(120)).pollInterval(POLL).untilAsserted(() ->
                    assertThat(ok("get", "pods", "-n", "injection").table().row("NAME", "alpine01"))
                            .containsEntry("READY", "1/1").containsEntry("STATUS", "Running"));
            await(name + ": alpine01's events").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                    .untilAsserted(() -> {
                        TextTable events = ok("get", "events", "-n", "injection").table();
                        List<List<String>> rows = typeReasonMessage(events.rowsWhere("OBJECT", "pod/alpine01"));
                        assertThat(rows).as("%s", events).contains(
                                List.of("Warning", "FailedMount", FAILED_MOUNT),
                                List.of("Normal", "Pulled", "Container image \"alpine\" already present on machine"),
                                List.of("Normal", "Created", "Created container alpine"),
                                List.of("Normal", "Started", "Started container alpine"));
                        assertThat(rows).as("%s", events).filteredOn(row -> row.get(1).equals("Scheduled"))
                                .singleElement().satisfies(row -> assertThat(row.get(2))
                                        .matches("Successfully assigned injection/alpine01 to "
                                                + (profile == SEED ? "k8s-node01" : "kevents-worker-\\d+")));
                    });
            // Its container runs but, being simulated, has printed nothing.
            assertThat(ok("logs", "alpine01", "-n", "injection").stdout()).isEmpty();
        }

        /**
         * {@code describe pod nginx-pod-test}: Scheduled and the five kubelet rows, each repeated at least twice,
         * then again until the counts grew; {@code get pods} shows the back-off, and its waiting message has the
         * version's text.
         */
        private void describeShowsTheBackOffGrowing() {
            AtomicReference<Map<List<String>, Integer>> first = new AtomicReference<>();
            await(name + ": every back-off row at least x2").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                        Map<List<String>, Integer> counts = backOffCounts();
                        assertThat(counts.values()).as("%s", counts).allSatisfy(count -> assertThat(count)
                                .isGreaterThanOrEqualTo(2));
                        first.set(counts);
                    });
            log("describe counts %s", first.get().values());
            AtomicReference<Map<List<String>, Integer>> second = new AtomicReference<>();
            await(name + ": the counts grow").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        Map<List<String>, Integer> counts = backOffCounts();
                        first.get().forEach((row, count) -> assertThat(counts.get(row)).as("%s", row)
                                .isGreaterThanOrEqualTo(count));
                        assertThat(total(counts)).as("%s after %s", counts, first.get())
                                .isGreaterThan(total(first.get()));
                        second.set(counts);
                    });
            log("then %s", second.get().values());

            TextTable pods = ok("get", "pods").table();
            assertThat(pods.row("NAME", BACK_OFF_POD)).containsEntry("READY", "0/1").containsEntry("RESTARTS", "0")
                    .hasEntrySatisfying("STATUS", status -> assertThat(status)
                            .isIn("ImagePullBackOff", "ErrImagePull"));
            await(name + ": " + BACK_OFF_POD + " in ImagePullBackOff").atMost(Duration.ofSeconds(60))
                    .pollInterval(POLL).untilAsserted(() -> {
                        String waiting = ok("get", "pod", BACK_OFF_POD, "-o", "jsonpath={.status.containerStatuses[0]"
                                + ".state.waiting.reason}|{.status.containerStatuses[0].state.waiting.message}")
                                .stdout();
                        assertThat(waiting).isEqualTo("ImagePullBackOff|" + profile.backOffWaitingMessage());
                    });
            // kubectl logs has nothing to show, and says why, as the kubelet does (the pull may be retried meanwhile).
            Background.Result logs = kubectl.run("logs", BACK_OFF_POD);
            assertThat(logs.exitCode()).as("%s", logs).isEqualTo(1);
            assertThat(logs.stderr()).as("%s", logs).isIn(
                    "Error from server (BadRequest): container \"nginx\" in pod \"" + BACK_OFF_POD
                            + "\" is waiting to start: trying and failing to pull image\n",
                    "Error from server (BadRequest): container \"nginx\" in pod \"" + BACK_OFF_POD
                            + "\" is waiting to start: image can't be pulled\n");
        }

        /** The counts of the five kubelet rows of {@code describe pod nginx-pod-test}, after checking every row. */
        private Map<List<String>, Integer> backOffCounts() {
            String describe = ok("describe", "pod", BACK_OFF_POD).stdout();
            assertThat(describe).as("%s", describe).containsPattern("(?m)^Status:\\s+Pending$")
                    .containsPattern("(?m)^\\s+State:\\s+Waiting$")
                    .containsPattern("(?m)^\\s+Reason:\\s+(ImagePullBackOff|ErrImagePull)$")
                    .containsPattern("(?m)^Node:\\s+" + (profile == SEED ? "k8s-node01/172\\.20\\.70\\.215"
                            : "kevents-worker-\\d+/\\S+") + "$");
            TextTable events = eventsSection(describe);
            assertThat(events.columns()).containsExactly("Type", "Reason", "Age", "From", "Message");
            Map<List<String>, Integer> counts = new LinkedHashMap<>();
            List<List<String>> seen = new ArrayList<>();
            for (Map<String, String> row : events.rows()) {
                List<String> key = List.of(row.get("Type"), row.get("Reason"), row.get("Message"));
                seen.add(key);
                Matcher age = AGE.matcher(row.get("Age"));
                assertThat(age.matches()).as("Age %s in\n%s", row.get("Age"), describe).isTrue();
                if (row.get("Reason").equals("Scheduled")) {
                    assertThat(row.get("From")).isEqualTo("default-scheduler");
                    assertThat(row.get("Message")).matches("Successfully assigned default/" + BACK_OFF_POD + " to "
                            + (profile == SEED ? "k8s-node01" : "kevents-worker-\\d+"));
                    assertThat(age.group(2)).as("Scheduled is not repeated").isNull();
                } else {
                    assertThat(row.get("From")).as("%s", row).isEqualTo("kubelet");
                    counts.put(key, age.group(2) == null ? 1 : Integer.parseInt(age.group(2)));
                }
            }
            assertThat(seen).as("%s", describe).hasSize(BACK_OFF_ROWS.size() + 1)
                    .containsAll(BACK_OFF_ROWS).filteredOn(key -> key.get(1).equals("Scheduled")).hasSize(1);
            return counts;
        }

        /** Runs kubectl; fails with everything it printed unless it succeeded. */
        private Background.Result ok(String... args) {
            return kubectl.run(args).succeeded();
        }

        private void log(String format, Object... args) {
            System.out.printf("[KeventsUpTest %s +%ds] %s%n", name, (System.nanoTime() - started) / 1_000_000_000L,
                    String.format(format, args));
        }
    }

    /** The rows of {@code get events -A} about one object with one reason. */
    private static List<Map<String, String>> rows(TextTable events, String namespace, String object, String reason) {
        return events.rows().stream().filter(row -> namespace.equals(row.get("NAMESPACE"))
                && object.equals(row.get("OBJECT")) && reason.equals(row.get("REASON"))).toList();
    }

    /** Each row as [TYPE, REASON, MESSAGE], without repeats. */
    private static List<List<String>> typeReasonMessage(List<Map<String, String>> rows) {
        return rows.stream().map(row -> List.of(row.get("TYPE"), row.get("REASON"), row.get("MESSAGE"))).distinct()
                .toList();
    }

    private static int total(Map<List<String>, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The Events section at the end of {@code kubectl describe}. */
    private static TextTable eventsSection(String describe) {
        List<String> lines = describe.lines().toList();
        int start = lines.indexOf("Events:");
        assertThat(start).as("an Events: section in\n%s", describe).isNotNegative();
        return TextTable.parse(lines.get(start + 1), lines.subList(start + 2, lines.size()));
    }

    /** One of the seed's manifests in examples/. */
    private static String example(String name) {
        Path path = KeventsUp.root().resolve("examples").resolve(name);
        assertThat(path).exists();
        return path.toString();
    }
}
