package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.ScorePlugin;
import io.kevents.scheduler.framework.Snapshot;
import io.kevents.scheduler.profile.BalancedAllocationStyle;
import io.kevents.scheduler.profile.VersionProfile;

/** Prefers nodes whose cpu and memory would be used in similar proportions after placing the pod. */
public final class BalancedAllocation implements ScorePlugin {

    private final BalancedAllocationStyle style;

    /** The plugin measuring imbalance the way {@code style} says. */
    public BalancedAllocation(BalancedAllocationStyle style) {
        this.style = style;
    }

    @Override
    public String name() {
        return VersionProfile.BALANCED_ALLOCATION;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        long cpuCapacity = node.allocatable().milliCpu();
        long memoryCapacity = node.allocatable().memory();
        if (style == BalancedAllocationStyle.DIFFERENCE) {
            double cpu = fraction(node.nonZeroMilliCpu() + pod.nonZeroMilliCpu(), cpuCapacity);
            double memory = fraction(node.nonZeroMemory() + pod.nonZeroMemory(), memoryCapacity);
            if (cpu >= 1 || memory >= 1) {
                return 0;
            }
            return (long) ((1 - Math.abs(cpu - memory)) * MAX_SCORE);
        }
        double cpu = Math.min(1, fraction(node.requested().milliCpu() + pod.requests().milliCpu(), cpuCapacity));
        double memory = Math.min(1, fraction(node.requested().memory() + pod.requests().memory(), memoryCapacity));
        double standardDeviation = Math.abs(cpu - memory) / 2;
        return (long) ((1 - standardDeviation) * MAX_SCORE);
    }

    private static double fraction(long requested, long capacity) {
        return capacity == 0 ? 1 : (double) requested / capacity;
    }
}
