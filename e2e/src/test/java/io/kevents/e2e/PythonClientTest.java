package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python client (Debian's python3-kubernetes, run by Debian's /usr/bin/python3) lists events and
 * watches them from the list's resourceVersion with {@code timeout_seconds}, while this test writes events
 * (watch_events.py in the test resources). The client splits the chunked stream on newlines and builds its
 * models from each line, so this also checks the server's watch framing and JSON for a third client.
 */
class PythonClientTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int WATCH_SECONDS = 3;

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

    @Test
    void watchWithTimeoutSecondsSeesAddedModifiedDeletedThenEnds(@TempDir Path work) throws IOException {
        assertThat(PYTHON).as("Debian's python3 (run scripts/install-test-deps)").isExecutable();
        Path script = work.resolve("watch_events.py");
        try (InputStream resource = getClass().getResourceAsStream("/watch_events.py")) {
            Files.copy(resource, script);
        }
        String namespace = cluster.createNamespace("python-watch");
        KubernetesClient client = cluster.client();
        client.v1().events().inNamespace(namespace).resource(TestEvents.aboutPod(namespace, "before-watch",
                "nginx-pod-test", "Scheduled", "Successfully assigned python-watch/nginx-pod-test to k8s-node01"))
                .create();

        try (Background python = Background.start(List.of(PYTHON.toString(), script.toString(), cluster.url(),
                namespace, Integer.toString(WATCH_SECONDS)), work, Map.of())) {
            await("the Python client's list").atMost(Duration.ofSeconds(30))
                    .until(() -> python.stdout().startsWith("LISTED") || !python.isAlive());
            assertThat(python.isAlive()).as("%s", python.stderr()).isTrue();

            client.v1().events().inNamespace(namespace).resource(TestEvents.aboutPod(namespace, "during-watch",
                    "nginx-pod-test", "Pulling", "Pulling image \"nginxa:1.8\"")).create();
            client.v1().events().inNamespace(namespace).withName("during-watch")
                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"count\":2}");
            client.v1().events().inNamespace(namespace).withName("during-watch").delete();

            // The server ends the watch after timeout_seconds; the client then returns instead of re-watching.
            Background.Result result = python.await(Duration.ofSeconds(WATCH_SECONDS + 25)).succeeded();
            List<String> lines = result.stdout().lines().toList();
            assertThat(lines).as("%s", result).hasSize(5);
            assertThat(lines.get(0)).as("%s", result).matches("LISTED \\d+ before-watch");
            assertThat(lines.subList(1, 5)).as("%s", result).containsExactly(
                    "ADDED during-watch Pulling 1",
                    "MODIFIED during-watch Pulling 2",
                    "DELETED during-watch Pulling 2",
                    "END");
        }
    }
}
