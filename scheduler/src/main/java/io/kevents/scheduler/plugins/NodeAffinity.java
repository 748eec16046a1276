package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.EnqueueExtension;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.ScorePlugin;
import io.kevents.scheduler.framework.Snapshot;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.framework.WeightedTerm;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.Set;

/**
 * Filter: the node must carry every {@code nodeSelector} label and match one term of the required node affinity.
 * Score: the sum of the weights of the preferred terms the node matches, scaled so the best node gets 100.
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin, EnqueueExtension {

    private final Status rejected;

    /** The plugin with this version's reason text. */
    public NodeAffinity(ReasonTexts texts) {
        this.rejected = Status.unresolvable(name(), texts.nodeAffinity());
    }

    @Override
    public String name() {
        return VersionProfile.NODE_AFFINITY;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        if (pod.nodeRequirement().isEmpty() || pod.nodeRequirement().matches(node.name(), node.labels())) {
            return Status.SUCCESS;
        }
        return rejected;
    }

    @Override
    public boolean appliesTo(PodInfo pod, Snapshot snapshot) {
        return !pod.preferredTerms().isEmpty();
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        long sum = 0;
        for (WeightedTerm preferred : pod.preferredTerms()) {
            if (preferred.term().matches(node.name(), node.labels())) {
                sum += preferred.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(long[] scores, int count) {
        ScorePlugin.normalizeToMax(scores, count, false);
    }

    @Override
    public Set<ClusterEventType> eventsToRegister() {
        return Set.of(ClusterEventType.NODE_ADD, ClusterEventType.NODE_LABEL_CHANGE);
    }

    @Override
    public boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        return NodeFilterHint.passesNow(this, pod, event);
    }
}
