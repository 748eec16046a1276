package io.kevents.scheduler.binder;

import io.kevents.scheduler.framework.PodInfo;
import java.util.concurrent.CompletionStage;

/** Binds a pod to a node (Kubernetes' DefaultBinder: a {@code Binding} POSTed to {@code pods/<name>/binding}). */
public interface Binder {

    /**
     * Starts binding; the stage completes with the API server's answer and never exceptionally. May wait while
     * too many bindings are in flight, which slows the scheduling loop down to what the API server absorbs.
     */
    CompletionStage<ApiResult> bind(PodInfo pod, String nodeName);
}
