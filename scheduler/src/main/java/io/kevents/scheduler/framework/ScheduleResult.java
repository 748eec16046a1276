package io.kevents.scheduler.framework;

/** The outcome of running the filters and scores for one pod. */
public sealed interface ScheduleResult {

    /**
     * A node was chosen.
     *
     * @param nodeName  the chosen node
     * @param evaluated nodes the filters ran on
     * @param feasible  nodes that passed
     */
    record Feasible(String nodeName, int evaluated, int feasible) implements ScheduleResult {
    }

    /**
     * No node fits.
     *
     * @param diagnosis why, node by node
     */
    record Unfit(Diagnosis diagnosis) implements ScheduleResult {
    }

    /** The scheduler knows no node at all ({@code no nodes available to schedule pods}). */
    record NoNodes() implements ScheduleResult {
    }

    /**
     * A plugin failed (not the pod's fault).
     *
     * @param status the error
     */
    record Failed(Status status) implements ScheduleResult {
    }
}
