package io.kevents.scheduler.framework;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins of one scheduling profile: filters in the order that decides which reason a node reports (only the
 * first failing filter counts), and score plugins with their weights.
 */
public final class Framework {

    /**
     * A score plugin and its weight.
     *
     * @param plugin the plugin
     * @param weight what its 0–100 score is multiplied by
     */
    public record WeightedScorePlugin(ScorePlugin plugin, int weight) {
    }

    private final FilterPlugin[] filters;
    private final List<WeightedScorePlugin> scorePlugins;
    private final Map<String, EnqueueExtension> enqueueExtensions = new LinkedHashMap<>();

    /** A framework running {@code filters} in this order and {@code scorePlugins} with their weights. */
    public Framework(List<FilterPlugin> filters, List<WeightedScorePlugin> scorePlugins) {
        this.filters = filters.toArray(FilterPlugin[]::new);
        this.scorePlugins = List.copyOf(scorePlugins);
        for (FilterPlugin filter : filters) {
            if (filter instanceof EnqueueExtension extension) {
                enqueueExtensions.put(filter.name(), extension);
            }
        }
    }

    /** Runs the filters in order and returns the first rejection (or error), or {@link Status#SUCCESS}. */
    public Status runFilters(PodInfo pod, NodeInfo node) {
        for (FilterPlugin filter : filters) {
            Status status = filter.filter(pod, node);
            if (!status.isSuccess()) {
                return status;
            }
        }
        return Status.SUCCESS;
    }

    /** The score plugins with their weights. */
    public List<WeightedScorePlugin> scorePlugins() {
        return scorePlugins;
    }

    /** The queueing knowledge of the filter named {@code pluginName}, if it has any. */
    public Optional<EnqueueExtension> enqueueExtension(String pluginName) {
        return Optional.ofNullable(enqueueExtensions.get(pluginName));
    }
}
