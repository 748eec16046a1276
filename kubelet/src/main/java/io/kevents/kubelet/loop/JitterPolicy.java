package io.kevents.kubelet.loop;

/**
 * How nodes draw their requeue jitter: randomly from a seed (the default; the same seed repeats a run), or always
 * the same fraction (for exact tests).
 *
 * @param seed          seeds each node's generator (with the node's name)
 * @param fixedFraction a fraction in [0, 1) used always, or {@code NaN} for random
 */
public record JitterPolicy(long seed, double fixedFraction) {

    /** Random jitter from {@code seed}. */
    public static JitterPolicy seeded(long seed) {
        return new JitterPolicy(seed, Double.NaN);
    }

    /** Always {@code fraction}: {@code 0} gives the shortest requeues, {@code 0.5} the mean. */
    public static JitterPolicy fixed(double fraction) {
        Jitter.fixed(fraction);
        return new JitterPolicy(0, fraction);
    }

    /** The jitter of node {@code node}. */
    public Jitter forNode(String node) {
        return Double.isNaN(fixedFraction) ? Jitter.seeded(seed, node) : Jitter.fixed(fixedFraction);
    }
}
