package io.kevents.scheduler.framework;

import java.util.List;

/**
 * A plugin's answer: a {@link Code}, the human-readable reasons (each counted separately in the FailedScheduling
 * histogram, so one node can contribute several, e.g. {@code Insufficient cpu} and {@code Insufficient memory}),
 * and the plugin that gave it.
 *
 * <p>Filters run for every node of every pod, so plugins keep their constant rejections as shared instances and
 * return {@link #SUCCESS} without allocating.
 *
 * @param code    what the answer means
 * @param reasons the reasons, in the plugin's order; empty for success
 * @param plugin  the plugin's name, or empty for success
 */
public record Status(Code code, List<String> reasons, String plugin) {

    /** The shared success answer. */
    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), "");

    public Status {
        reasons = List.copyOf(reasons);
    }

    /** A rejection that preemption might resolve. */
    public static Status unschedulable(String plugin, String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), plugin);
    }

    /** A rejection that preemption cannot resolve. */
    public static Status unresolvable(String plugin, String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), plugin);
    }

    /** An internal error. */
    public static Status error(String plugin, String message) {
        return new Status(Code.ERROR, List.of(message), plugin);
    }

    /** Whether the node passed. */
    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    /** The reasons joined with {@code ", "}, as Kubernetes' {@code Status.Message()}. */
    public String message() {
        return String.join(", ", reasons);
    }
}
