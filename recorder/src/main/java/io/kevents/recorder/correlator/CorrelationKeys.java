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
        /** The hash of everything but the type, for {@link SourceObject}. */
        private final int sourceObjectHash;
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
            h = 31 * h + Objects.hashCode(component);
            this.sourceObjectHash = 31 * h + Objects.hashCode(host);
            this.hash = 31 * sourceObjectHash + Objects.hashCode(type);
        }

        /** Whether {@code other} has the same source and object, whatever its type. */
        boolean sameSourceObject(Spam other) {
            return Objects.equals(object.name(), other.object.name())
                    && Objects.equals(object.uid(), other.object.uid())
                    && Objects.equals(object.namespace(), other.object.namespace())
                    && Objects.equals(object.kind(), other.object.kind())
                    && Objects.equals(object.apiVersion(), other.object.apiVersion())
                    && Objects.equals(component, other.component) && Objects.equals(host, other.host);
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
            return other instanceof Spam that && hash == that.hash && sameSourceObject(that)
                    && Objects.equals(type, that.type);
        }
    }

    /**
     * The spam key of client-go before v0.32: source and object, without the type, so all of an object's events
     * share one budget. Built per event, so it reuses the fields and hash its {@link Spam} computed once.
     */
    record SourceObject(Spam of) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SourceObject that && of.sourceObjectHash == that.of.sourceObjectHash
                    && of.sameSourceObject(that.of);
        }

        @Override
        public int hashCode() {
            return of.sourceObjectHash;
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
