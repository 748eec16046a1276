package io.kevents.recorder.correlator;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;
import java.util.Objects;

/**
 * The keys the core/v1 correlator groups events by. client-go concatenates the fields into one string without a
 * separator, so different events can collide ("ab"+"c" = "a"+"bc"); these compare field by field. None of them
 * includes the object's resourceVersion.
 *
 * <p>Three keys are looked up for every recorded event, so they share one {@link Spam} part (source, object,
 * type), hashed once per event, and read the event's fields in place.
 */
final class CorrelationKeys {

    private CorrelationKeys() {
    }

    /** What the spam filter rate-limits, and the part every key shares: one source about one object, per type. */
    static final class Spam {
        final String component;
        final String host;
        final ObjectRef object;
        final String type;
        private final int hash;

        Spam(RecordedEvent event) {
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
            this.hash = 31 * h + Objects.hashCode(host);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            return other instanceof Spam that && hash == that.hash
                    && Objects.equals(object.name(), that.object.name())
                    && Objects.equals(object.uid(), that.object.uid())
                    && Objects.equals(object.namespace(), that.object.namespace())
                    && Objects.equals(object.kind(), that.object.kind())
                    && Objects.equals(object.apiVersion(), that.object.apiVersion())
                    && Objects.equals(type, that.type) && Objects.equals(component, that.component)
                    && Objects.equals(host, that.host);
        }
    }

    /**
     * The spam key of client-go before v0.32: source and object, without the type, so all of an object's events
     * share one budget.
     */
    record SourceObject(Spam of) {
        @Override
        public boolean equals(Object other) {
            if (!(other instanceof SourceObject that)) {
                return false;
            }
            Spam a = of;
            Spam b = that.of;
            return Objects.equals(a.object.name(), b.object.name()) && Objects.equals(a.object.uid(), b.object.uid())
                    && Objects.equals(a.object.namespace(), b.object.namespace())
                    && Objects.equals(a.object.kind(), b.object.kind())
                    && Objects.equals(a.object.apiVersion(), b.object.apiVersion())
                    && Objects.equals(a.component, b.component) && Objects.equals(a.host, b.host);
        }

        @Override
        public int hashCode() {
            return Objects.hash(of.object.name(), of.object.uid(), of.object.namespace(), of.component, of.host);
        }
    }

    /** Similar events: same source, object, type, reason and reporter; the message may differ. */
    static final class Aggregate {
        final Spam base;
        final String reason;
        final String reportingController;
        final String reportingInstance;
        private final int hash;

        Aggregate(Spam base, RecordedEvent event) {
            this.base = base;
            this.reason = event.reason();
            this.reportingController = event.reportingController();
            this.reportingInstance = event.reportingInstance();
            int h = 31 * base.hashCode() + Objects.hashCode(reason);
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
                    && Objects.equals(reportingInstance, that.reportingInstance) && base.equals(that.base);
        }
    }

    /** Identical events: same source, object (and field path), type, reason and message. */
    static final class Dedupe {
        final Spam base;
        final String fieldPath;
        final String reason;
        final String message;
        private final int hash;

        Dedupe(Spam base, RecordedEvent event, String message) {
            this.base = base;
            this.fieldPath = event.regarding().fieldPath();
            this.reason = event.reason();
            this.message = message;
            int h = 31 * base.hashCode() + Objects.hashCode(fieldPath);
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
                    && base.equals(that.base);
        }
    }
}
