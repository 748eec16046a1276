package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.Framework;
import io.kevents.scheduler.framework.PostFilterPlugin;
import io.kevents.scheduler.framework.ScorePlugin;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The default plugin set, arranged as a version's profile says (filter order, score weights, texts). */
public final class DefaultPlugins {

    private DefaultPlugins() {
    }

    /** The filters and weighted score plugins of {@code profile}. */
    public static Framework framework(VersionProfile profile) {
        Map<String, FilterPlugin> filters = new LinkedHashMap<>();
        NodeResourcesFit fit = new NodeResourcesFit(profile.texts());
        TaintToleration taints = new TaintToleration(profile.texts());
        NodeAffinity affinity = new NodeAffinity(profile.texts());
        filters.put(VersionProfile.NODE_UNSCHEDULABLE, new NodeUnschedulable(profile.texts()));
        filters.put(VersionProfile.NODE_NAME, new NodeName(profile.texts()));
        filters.put(VersionProfile.TAINT_TOLERATION, taints);
        filters.put(VersionProfile.NODE_AFFINITY, affinity);
        filters.put(VersionProfile.NODE_PORTS, new NodePorts(profile.texts()));
        filters.put(VersionProfile.NODE_RESOURCES_FIT, fit);
        List<FilterPlugin> ordered = new ArrayList<>();
        for (String name : profile.filterOrder()) {
            FilterPlugin filter = filters.get(name);
            if (filter == null) {
                throw new IllegalArgumentException("unknown filter plugin " + name);
            }
            ordered.add(filter);
        }
        List<ScorePlugin> scorers = List.of(fit, new BalancedAllocation(profile.balancedAllocation()),
                new ImageLocality(), taints, affinity);
        List<Framework.WeightedScorePlugin> weighted = new ArrayList<>();
        for (ScorePlugin scorer : scorers) {
            int weight = profile.weight(scorer.name());
            if (weight > 0) {
                weighted.add(new Framework.WeightedScorePlugin(scorer, weight));
            }
        }
        return new Framework(ordered, weighted);
    }

    /** Preemption's message step when {@code profile} appends it, otherwise {@code null}. */
    public static PostFilterPlugin postFilter(VersionProfile profile, Framework framework) {
        return profile.preemptionMessage()
                ? new DefaultPreemption(framework, profile.texts(), profile.failureMessages()) : null;
    }
}
