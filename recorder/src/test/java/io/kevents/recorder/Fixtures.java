package io.kevents.recorder;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kevents.recorder.writer.RetryPolicy;
import io.kevents.recorder.writer.WriterOptions;
import io.kevents.time.ManualClock;
import java.time.Duration;

/** Objects and settings shared by the recorder tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A pod as the API server returns it: kind, apiVersion, uid and resourceVersion set. */
    public static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + name)
                .withResourceVersion("1").endMetadata().build();
    }

    /** The same pod at another resourceVersion (as after an update). */
    public static Pod podAtVersion(Pod pod, String resourceVersion) {
        return new PodBuilder(pod).editMetadata().withResourceVersion(resourceVersion).endMetadata().build();
    }

    /** A node (cluster-scoped). */
    public static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).withUid("uid-" + name).endMetadata().build();
    }

    /**
     * Settings for deterministic tests: the given manual clock, one writer (so sink calls come in a fixed
     * order), retries after exactly {@code initialBackoff} × 2^n (full jitter pinned to its maximum).
     */
    public static PipelineSettings settings(ManualClock clock) {
        return PipelineSettings.defaults().withClock(clock)
                .withWriter(new WriterOptions(1, new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60),
                        () -> 0.999_999)));
    }
}
