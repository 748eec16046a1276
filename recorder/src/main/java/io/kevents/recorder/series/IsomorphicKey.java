package io.kevents.recorder.series;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;
import java.util.Objects;

/**
 * What makes two events.k8s.io/v1 events "the same event happening again" (client-go's {@code eventKey}): type,
 * action, reason, reporting controller and instance, the regarding and the related object. The note is not part
 * of it, as in Kubernetes.
 *
 * <p>Unlike client-go, the objects' resourceVersion is left out: an object changes version every time it is
 * updated, and including it (as client-go and kube-rs do) means a repeating event about a changing object never
 * forms a series.
 *
 * <p>Looked up once per recorded event, so it is a plain class with a precomputed hash that compares the
 * references in place, rather than a record of copied references.
 */
final class IsomorphicKey {

    private final String type;
    private final String action;
    private final String reason;
    private final String reportingController;
    private final String reportingInstance;
    private final ObjectRef regarding;
    private final ObjectRef related;
    private final int hash;

    private IsomorphicKey(RecordedEvent event) {
        this.type = event.type();
        this.action = event.action();
        this.reason = event.reason();
        this.reportingController = event.reportingController();
        this.reportingInstance = event.reportingInstance();
        this.regarding = event.regarding();
        this.related = event.related();
        int h = ObjectRef.objectHash(regarding);
        h = 31 * h + Objects.hashCode(reason);
        h = 31 * h + Objects.hashCode(action);
        h = 31 * h + Objects.hashCode(type);
        h = 31 * h + Objects.hashCode(reportingController);
        h = 31 * h + Objects.hashCode(reportingInstance);
        this.hash = 31 * h + ObjectRef.objectHash(related);
    }

    static IsomorphicKey of(RecordedEvent event) {
        return new IsomorphicKey(event);
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
        return other instanceof IsomorphicKey that && hash == that.hash
                && Objects.equals(reason, that.reason) && Objects.equals(action, that.action)
                && Objects.equals(type, that.type) && Objects.equals(reportingController, that.reportingController)
                && Objects.equals(reportingInstance, that.reportingInstance)
                && ObjectRef.sameObject(regarding, that.regarding) && ObjectRef.sameObject(related, that.related);
    }
}
