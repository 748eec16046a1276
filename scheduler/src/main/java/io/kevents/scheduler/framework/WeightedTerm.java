package io.kevents.scheduler.framework;

/**
 * A preferred node affinity term: nodes it selects score {@code weight} more.
 *
 * @param weight 1–100
 * @param term   the selector
 */
public record WeightedTerm(int weight, NodeSelectorTerm term) {
}
