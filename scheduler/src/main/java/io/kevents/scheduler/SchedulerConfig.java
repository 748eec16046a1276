package io.kevents.scheduler;

import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.scheduler.queue.Backoff;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How the scheduler runs.
 *
 * @param profile                  the Kubernetes version whose behaviour and texts to reproduce
 * @param clock                    time for back-off, flushes, condition timestamps and events
 * @param schedulerName            the {@code spec.schedulerName} this scheduler serves (pods without one are served
 *                                 too); also the events' reportingController
 * @param backoff                  the retry back-off (Kubernetes: 1 s doubling to 10 s)
 * @param percentageOfNodesToScore 0 for Kubernetes' adaptive search, otherwise the share of nodes to find feasible
 *                                 before scoring
 * @param maxInFlightWrites        bindings (and, separately, status writes) outstanding at once
 * @param cacheSyncTimeout         how long {@link Scheduler#start()} waits for the initial lists of pods and nodes
 * @param random                   breaks ties between equally scored nodes; used by the scheduling thread only
 */
public record SchedulerConfig(VersionProfile profile, Clock clock, String schedulerName, Backoff backoff,
                              int percentageOfNodesToScore, int maxInFlightWrites, Duration cacheSyncTimeout,
                              RandomGenerator random) {

    /** The name of the default scheduler, which serves pods that name no scheduler. */
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";

    public SchedulerConfig {
        if (maxInFlightWrites < 1) {
            throw new IllegalArgumentException("maxInFlightWrites must be positive");
        }
        if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
            throw new IllegalArgumentException("percentageOfNodesToScore must be within 0..100");
        }
    }

    /**
     * {@code default-scheduler}, Kubernetes' back-off and adaptive node search, 64 writes in flight, 30 s to sync.
     */
    public static SchedulerConfig defaults(VersionProfile profile, Clock clock) {
        return new SchedulerConfig(profile, clock, DEFAULT_SCHEDULER_NAME, Backoff.DEFAULT, 0, 64,
                Duration.ofSeconds(30), new SplittableRandom());
    }

    /** These settings with another random source (tests make ties deterministic with a seed). */
    public SchedulerConfig withRandom(RandomGenerator newRandom) {
        return new SchedulerConfig(profile, clock, schedulerName, backoff, percentageOfNodesToScore,
                maxInFlightWrites, cacheSyncTimeout, newRandom);
    }

    /** These settings with another back-off. */
    public SchedulerConfig withBackoff(Backoff newBackoff) {
        return new SchedulerConfig(profile, clock, schedulerName, newBackoff, percentageOfNodesToScore,
                maxInFlightWrites, cacheSyncTimeout, random);
    }

    /** These settings with another number of outstanding writes. */
    public SchedulerConfig withMaxInFlightWrites(int writes) {
        return new SchedulerConfig(profile, clock, schedulerName, backoff, percentageOfNodesToScore, writes,
                cacheSyncTimeout, random);
    }
}
