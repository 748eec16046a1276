package io.kevents.scheduler;

/**
 * Counters since start.
 *
 * @param attempts      scheduling cycles run
 * @param scheduled     pods bound
 * @param unschedulable attempts that found no node (or no nodes at all)
 * @param errors        attempts that failed for another reason, bindings included
 */
public record SchedulerStats(long attempts, long scheduled, long unschedulable, long errors) {
}
