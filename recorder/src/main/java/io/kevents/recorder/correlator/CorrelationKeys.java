package io.kevents.recorder.correlator;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;

/**
 * The keys the core/v1 correlator groups events by. client-go concatenates the fields into one string without a
 * separator, so different events can collide ("ab"+"c" = "a"+"bc"); records compare field by field. None of them
 * includes the object's resourceVersion.
 */
final class CorrelationKeys {

    private CorrelationKeys() {
    }

    /** The involved object as the keys see it. */
    record Involved(String apiVersion, String kind, String namespace, String name, String uid) {
        static Involved of(ObjectRef ref) {
            return new Involved(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name(), ref.uid());
        }
    }

    /** Identical events: same source, object (and field path), type, reason and message. */
    record Dedupe(String component, String host, Involved object, String fieldPath, String type, String reason,
                  String message) {
        static Dedupe of(RecordedEvent event, String message) {
            return new Dedupe(event.sourceComponent(), event.sourceHost(), Involved.of(event.regarding()),
                    event.regarding().fieldPath(), event.type(), event.reason(), message);
        }
    }

    /** Similar events: same source, object, type, reason and reporter; the message may differ. */
    record Aggregate(String component, String host, Involved object, String type, String reason,
                     String reportingController, String reportingInstance) {
        static Aggregate of(RecordedEvent event) {
            return new Aggregate(event.sourceComponent(), event.sourceHost(), Involved.of(event.regarding()),
                    event.type(), event.reason(), event.reportingController(), event.reportingInstance());
        }
    }

    /** What the spam filter rate-limits: one source talking about one object, per type. */
    record Spam(String component, String host, Involved object, String type) {
        static Spam of(RecordedEvent event) {
            return new Spam(event.sourceComponent(), event.sourceHost(), Involved.of(event.regarding()),
                    event.type());
        }
    }
}
