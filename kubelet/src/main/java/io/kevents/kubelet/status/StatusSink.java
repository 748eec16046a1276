package io.kevents.kubelet.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

/** Where pod statuses go: the API server's {@code pods/status} in production, a list in tests. Never blocks. */
@FunctionalInterface
public interface StatusSink {

    /** Writes {@code status} for {@code pod} (asynchronously; a newer status for the same pod may replace it). */
    void write(Pod pod, PodStatus status);
}
