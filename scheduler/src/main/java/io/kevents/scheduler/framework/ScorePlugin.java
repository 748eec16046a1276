package io.kevents.scheduler.framework;

/**
 * Ranks the nodes that passed every filter: each plugin gives 0–{@value #MAX_SCORE} per node (after
 * {@link #normalize}), multiplied by the plugin's weight in the profile.
 */
public interface ScorePlugin extends Plugin {

    /** The highest score a plugin gives a node. */
    long MAX_SCORE = 100;

    /**
     * Whether this plugin could tell nodes apart for this pod. When it cannot (e.g. the pod has no preferred
     * affinity), it is skipped: a constant added to every node never changes the choice.
     */
    default boolean appliesTo(PodInfo pod, Snapshot snapshot) {
        return true;
    }

    /** The raw score of one node. */
    long score(PodInfo pod, NodeInfo node, Snapshot snapshot);

    /** Rescales the raw scores of the first {@code count} nodes in place to 0–{@value #MAX_SCORE}. */
    default void normalize(long[] scores, int count) {
    }

    /**
     * Kubernetes' default normalisation: scale so that the highest raw score becomes {@value #MAX_SCORE};
     * {@code reverse} turns "more is worse" counts into scores. All zeros stay zeros, or become the maximum when
     * reversed.
     */
    static void normalizeToMax(long[] scores, int count, boolean reverse) {
        long max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, scores[i]);
        }
        if (max == 0) {
            if (reverse) {
                java.util.Arrays.fill(scores, 0, count, MAX_SCORE);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            long scaled = MAX_SCORE * scores[i] / max;
            scores[i] = reverse ? MAX_SCORE - scaled : scaled;
        }
    }
}
