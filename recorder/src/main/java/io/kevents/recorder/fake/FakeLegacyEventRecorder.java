package io.kevents.recorder.fake;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.RecordOutcome;
import java.util.Map;

/** A core/v1 recorder for tests: validates like the real one, keeps calls in a {@link FakeEventLog}, never blocks. */
public final class FakeLegacyEventRecorder implements LegacyEventRecorder {

    private final FakeEventLog log;

    /** A recorder with its own log. */
    public FakeLegacyEventRecorder() {
        this(new FakeEventLog());
    }

    /** A recorder writing to a shared log. */
    public FakeLegacyEventRecorder(FakeEventLog log) {
        this.log = log;
    }

    /** What was recorded. */
    public FakeEventLog log() {
        return log;
    }

    @Override
    public RecordOutcome event(KubernetesResource object, String type, String reason, String message) {
        return log.add(object, null, type, reason, null, false, message, null, Map.of());
    }

    @Override
    public RecordOutcome eventf(KubernetesResource object, String type, String reason, String messageFormat,
                                Object... args) {
        return log.add(object, null, type, reason, null, false, messageFormat, args, Map.of());
    }

    @Override
    public RecordOutcome annotatedEventf(KubernetesResource object, Map<String, String> annotations, String type,
                                         String reason, String messageFormat, Object... args) {
        return log.add(object, null, type, reason, null, false, messageFormat, args, annotations);
    }
}
