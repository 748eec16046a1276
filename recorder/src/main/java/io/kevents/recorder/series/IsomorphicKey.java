package io.kevents.recorder.series;

import io.kevents.model.ObjectRef;
import io.kevents.recorder.RecordedEvent;

/**
 * What makes two events.k8s.io/v1 events "the same event happening again" (client-go's {@code eventKey}): type,
 * action, reason, reporting controller and instance, the regarding and the related object. The note is not part
 * of it, as in Kubernetes.
 *
 * <p>Unlike client-go, the objects' resourceVersion is left out: an object changes version every time it is
 * updated, and including it (as client-go and kube-rs do) means a repeating event about a changing object never
 * forms a series.
 */
record IsomorphicKey(String type, String action, String reason, String reportingController,
                     String reportingInstance, ObjectRef regarding, ObjectRef related) {

    static IsomorphicKey of(RecordedEvent event) {
        return new IsomorphicKey(event.type(), event.action(), event.reason(), event.reportingController(),
                event.reportingInstance(), event.regarding().withoutResourceVersion(),
                event.related() == null ? null : event.related().withoutResourceVersion());
    }
}
