package io.kevents.scheduler.framework;

/**
 * Decides whether a pod may run on a node. Called for every node a cycle evaluates, so it must be cheap and must not
 * allocate on success.
 */
public interface FilterPlugin extends Plugin {

    /** {@link Status#SUCCESS} when the pod may run on the node; otherwise the rejection and its reasons. */
    Status filter(PodInfo pod, NodeInfo node);
}
