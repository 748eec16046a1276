package io.kevents.kubelet.volume;

import java.time.Duration;

/**
 * The volume manager's back-off for one failing mount operation ({@code exponentialbackoff} of the operation
 * executor): 500 ms after the first failure, doubling after each further one, at most 2m2s. Immutable.
 *
 * @param next the wait after the next failure
 * @param max  the cap
 */
public record MountBackOff(Duration next, Duration max) {

    /** A fresh back-off starting at {@code initial}. */
    public static MountBackOff starting(Duration initial, Duration max) {
        return new MountBackOff(initial, max);
    }

    /** The back-off after one more failure. */
    public MountBackOff failedAgain() {
        Duration doubled = next.multipliedBy(2);
        return new MountBackOff(doubled.compareTo(max) > 0 ? max : doubled, max);
    }
}
