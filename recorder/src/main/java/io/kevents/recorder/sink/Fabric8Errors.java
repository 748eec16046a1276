package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/** Translates fabric8 client failures into {@link SinkException}s the pipeline can classify. */
final class Fabric8Errors {

    private Fabric8Errors() {
    }

    static SinkException toSinkException(KubernetesClientException e) {
        Status status = e.getStatus();
        String reason = status == null ? null : status.getReason();
        Duration retryAfter = null;
        if (status != null && status.getDetails() != null && status.getDetails().getRetryAfterSeconds() != null
                && status.getDetails().getRetryAfterSeconds() > 0) {
            retryAfter = Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
        }
        int code = e.getCode() > 0 ? e.getCode() : status != null && status.getCode() != null ? status.getCode() : 0;
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        return new SinkException(code, reason, retryAfter, message, e);
    }
}
