package io.kevents.recorder.fake;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.kevents.recorder.EventRecorder;
import io.kevents.recorder.RecordOutcome;
import java.util.Map;

/**
 * An events.k8s.io/v1 recorder for tests of code that records events: it validates like the real one and keeps
 * every accepted call in a {@link FakeEventLog}. Never blocks.
 * <pre>{@code
 * FakeEventRecorder recorder = new FakeEventRecorder();
 * controller.reconcile(recorder, pod);
 * assertThat(recorder.log().lines()).containsExactly("Warning FailedScheduling 0/2 nodes are available: ...");
 * }</pre>
 */
public final class FakeEventRecorder implements EventRecorder {

    private final FakeEventLog log;

    /** A recorder with its own log. */
    public FakeEventRecorder() {
        this(new FakeEventLog());
    }

    /** A recorder writing to a shared log. */
    public FakeEventRecorder(FakeEventLog log) {
        this.log = log;
    }

    /** What was recorded. */
    public FakeEventLog log() {
        return log;
    }

    @Override
    public RecordOutcome eventf(KubernetesResource regarding, KubernetesResource related, String type, String reason,
                                String action, String noteFormat, Object... args) {
        return log.add(regarding, related, type, reason, action, true, noteFormat, args, Map.of());
    }

    @Override
    public RecordOutcome annotatedEventf(KubernetesResource regarding, KubernetesResource related,
                                         Map<String, String> annotations, String type, String reason,
                                         String action, String noteFormat, Object... args) {
        return log.add(regarding, related, type, reason, action, true, noteFormat, args, annotations);
    }
}
