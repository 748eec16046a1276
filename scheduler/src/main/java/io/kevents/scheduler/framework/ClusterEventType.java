package io.kevents.scheduler.framework;

/** The kinds of cluster change that can make an unschedulable pod schedulable. */
public enum ClusterEventType {
    /** A node appeared. */
    NODE_ADD,
    /** A node's labels changed. */
    NODE_LABEL_CHANGE,
    /** A node's taints changed, or it became schedulable ({@code spec.unschedulable} turned false). */
    NODE_TAINT_CHANGE,
    /** A node's allocatable resources changed. */
    NODE_ALLOCATABLE_CHANGE,
    /** A node's conditions changed (heartbeat times aside). */
    NODE_CONDITION_CHANGE,
    /** A pod bound to a node was deleted, freeing its resources and ports. */
    ASSIGNED_POD_DELETE
}
