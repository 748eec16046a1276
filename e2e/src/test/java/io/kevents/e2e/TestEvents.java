package io.kevents.e2e;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Hand-made core/v1 events, for tests that write events directly rather than through a recorder. */
final class TestEvents {

    private TestEvents() {
    }

    /** An old-style event (count 1, first = last timestamp = now) about pod {@code namespace/pod}. */
    static Event aboutPod(String namespace, String name, String pod, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withNamespace(namespace).withName(pod)
                .endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(message)
                .withNewSource().withComponent("kevents-e2e").endSource()
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
    }
}
