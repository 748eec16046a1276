package io.kevents.recorder.correlator;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;
import java.util.Objects;

/**
 * The keys the core/v1 correlator groups events by. client-go concatenates the fields into one string without a
 * separator, so different events can collide ("ab"+"c" = "a"+"bc"); these compare field by field. None of them
 * includes the object's resourceVersion.
 *
 * <p>Three keys are built for every recorded event, so they are plain classes with precomputed hashes that read
 * the event's fields in place (records of copied fields cost several times more here).
 */
final class CorrelationKeys {

    private CorrelationKeys() {
    }

    /** The fields every key shares: source, involved object (without fieldPath), type. */
    private abstract static class SourceObjectType {
        final String component;
        final String host;
        final ObjectRef object;
        final String type;
        final int baseHash;

        SourceObjectType(RecordedEvent event) {
            this.component = event.sourceComponent();
            this.host = event.sourceHost();
            this.object = event.regarding();
            this.type = event.type();
            int h = Objects.hashCode(object.name());
            h = 31 * h + Objects.hashCode(object.uid());
            h = 31 * h + Objects.hashCode(object.namespace());
            h = 31 * h + Objects.hashCode(object.kind());
            h = 31 * h + Objects.hashCode(object.apiVersion());
            h = 31 * h + Objects.hashCode(type);
            h = 31 * h + Objects.hashCode(component);
            this.baseHash = 31 * h + Objects.hashCode(host);
        }

        boolean sameBase(SourceObjectType that) {
            return Objects.equals(object.name(), that.object.name()) && Objects.equals(object.uid(), that.object.uid())
                    && Objects.equals(object.namespace(), that.object.namespace())
                    && Objects.equals(object.kind(), that.object.kind())
                    && Objects.equals(object.apiVersion(), that.object.apiVersion())
                    && Objects.equals(type, that.type) && Objects.equals(component, that.component)
                    && Objects.equals(host, that.host);
        }
    }

    /** What the spam filter rate-limits: one source talking about one object, per type. */
    static final class Spam extends SourceObjectType {
        Spam(RecordedEvent event) {
            super(event);
        }

        @Override
        public int hashCode() {
            return baseHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Spam that && baseHash == that.baseHash && sameBase(that);
        }
    }

    /** Similar events: same source, object, type, reason and reporter; the message may differ. */
    static final class Aggregate extends SourceObjectType {
        final String reason;
        final String reportingController;
        final String reportingInstance;
        private final int hash;

        Aggregate(RecordedEvent event) {
            super(event);
            this.reason = event.reason();
            this.reportingController = event.reportingController();
            this.reportingInstance = event.reportingInstance();
            int h = 31 * baseHash + Objects.hashCode(reason);
            h = 31 * h + Objects.hashCode(reportingController);
            this.hash = 31 * h + Objects.hashCode(reportingInstance);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Aggregate that && hash == that.hash && Objects.equals(reason, that.reason)
                    && Objects.equals(reportingController, that.reportingController)
                    && Objects.equals(reportingInstance, that.reportingInstance) && sameBase(that);
        }
    }

    /** Identical events: same source, object (and field path), type, reason and message. */
    static final class Dedupe extends SourceObjectType {
        final String fieldPath;
        final String reason;
        final String message;
        private final int hash;

        Dedupe(RecordedEvent event, String message) {
            super(event);
            this.fieldPath = event.regarding().fieldPath();
            this.reason = event.reason();
            this.message = message;
            int h = 31 * baseHash + Objects.hashCode(fieldPath);
            h = 31 * h + Objects.hashCode(reason);
            this.hash = 31 * h + Objects.hashCode(message);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Dedupe that && hash == that.hash && Objects.equals(reason, that.reason)
                    && Objects.equals(message, that.message) && Objects.equals(fieldPath, that.fieldPath)
                    && sameBase(that);
        }
    }
}
