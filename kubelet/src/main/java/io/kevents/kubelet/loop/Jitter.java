package io.kevents.kubelet.loop;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The kubelet's {@code wait.Jitter(d, factor)}: a delay uniformly in {@code [d, d × (1 + factor))}. Pod workers requeue
 * with it after each sync, so it decides how often a failing pod re-syncs and thus how fast event counts grow.
 * Each node draws from its own generator (seeded from the simulation's seed and the node's name), so runs with
 * the same seed repeat; a fixed fraction makes tests exact. Not thread-safe: used under the node's lock.
 */
public final class Jitter {

    private final SplittableRandom random;
    private final double fixedFraction;

    private Jitter(SplittableRandom random, double fixedFraction) {
        this.random = random;
        this.fixedFraction = fixedFraction;
    }

    /** Random fractions for node {@code node} of a simulation seeded with {@code seed}. */
    public static Jitter seeded(long seed, String node) {
        return new Jitter(new SplittableRandom(seed * 31 + node.hashCode()), Double.NaN);
    }

    /** Always {@code fraction} (in [0, 1)): {@code 0} gives the shortest delays, {@code 0.5} the mean. */
    public static Jitter fixed(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a jitter fraction is in [0, 1)");
        }
        return new Jitter(null, fraction);
    }

    /** {@code base} stretched by up to {@code factor}. */
    public Duration apply(Duration base, double factor) {
        double fraction = Double.isNaN(fixedFraction) ? random.nextDouble() : fixedFraction;
        return base.plusNanos((long) (base.toNanos() * factor * fraction));
    }
}
