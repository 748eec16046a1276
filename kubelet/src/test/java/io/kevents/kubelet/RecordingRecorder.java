package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.RecordOutcome;
import io.kevents.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A recorder that keeps every call with the clock's time, for exact event sequences. */
final class RecordingRecorder implements LegacyEventRecorder {

    /** One recorded event. */
    record Call(Instant at, ObjectReference object, String type, String reason, String message) {

        /** {@code <seconds since start> <type> <reason> <message>}. */
        String line(Instant start) {
            Duration since = Duration.between(start, at);
            String seconds = since.toMillis() % 1000 == 0 ? Long.toString(since.toSeconds())
                    : Double.toString(since.toMillis() / 1000.0);
            return seconds + " " + type + " " + reason + " " + message;
        }
    }

    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();

    RecordingRecorder(Clock clock) {
        this.clock = clock;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized RecordOutcome event(KubernetesResource object, String type, String reason, String message) {
        calls.add(new Call(clock.now(), (ObjectReference) object, type, reason, message));
        return RecordOutcome.ACCEPTED;
    }

    @Override
    public RecordOutcome eventf(KubernetesResource object, String type, String reason, String messageFormat,
                                Object... args) {
        return event(object, type, reason, String.format(messageFormat, args));
    }

    @Override
    public RecordOutcome annotatedEventf(KubernetesResource object, Map<String, String> annotations, String type,
                                         String reason, String messageFormat, Object... args) {
        return eventf(object, type, reason, messageFormat, args);
    }
}
