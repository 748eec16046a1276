package io.kevents.scheduler.binder;

import io.kevents.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Writes the pod's {@code PodScheduled} condition after a failed attempt (Kubernetes' {@code updatePod}). */
public interface PodStatusWriter {

    /**
     * Sets {@code PodScheduled=False} with {@code reason} and {@code message}; the stage completes with the API
     * server's answer and never exceptionally.
     *
     * @param lastTransitionTime when the condition last changed status (kept from the existing condition when it
     *                           was already False)
     */
    CompletionStage<ApiResult> setUnschedulable(PodInfo pod, String reason, String message,
                                                Instant lastTransitionTime);
}
