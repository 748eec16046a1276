package io.kevents.scheduler.framework;

/** What a plugin's answer means for the pod (Kubernetes' {@code framework.Code}). */
public enum Code {
    /** The node passes (filter) or the step succeeded. */
    SUCCESS,
    /** Something went wrong that is not the pod's fault; the pod is retried after its back-off. */
    ERROR,
    /** The pod does not fit now, and preemption might make it fit (e.g. not enough cpu). */
    UNSCHEDULABLE,
    /** The pod does not fit, and evicting pods from the node would not change that (e.g. a taint). */
    UNSCHEDULABLE_AND_UNRESOLVABLE
}
