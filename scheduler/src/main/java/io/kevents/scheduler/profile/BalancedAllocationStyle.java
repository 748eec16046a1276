package io.kevents.scheduler.profile;

/** How NodeResourcesBalancedAllocation measures imbalance between cpu and memory use. */
public enum BalancedAllocationStyle {
    /**
     * v1.20: {@code 100 × (1 − |cpuFraction − memoryFraction|)} of the requests counted with defaults for containers
     * that ask for nothing; 0 when either fraction reaches 1.
     */
    DIFFERENCE,
    /**
     * Current: {@code 100 × (1 − standard deviation)} of the fractions of the actual requests, each capped at 1.
     */
    STANDARD_DEVIATION
}
