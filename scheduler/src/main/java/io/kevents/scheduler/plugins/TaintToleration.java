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
import io.kevents.scheduler.framework.Taint;
import io.kevents.scheduler.framework.Toleration;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Filter: a pod may not run on a node with a {@code NoSchedule} or {@code NoExecute} taint it does not tolerate;
 * the first such taint, in the node's order, is the one reported. Score: fewer untolerated
 * {@code PreferNoSchedule} taints is better.
 */
public final class TaintToleration implements FilterPlugin, ScorePlugin, EnqueueExtension {

    private final ReasonTexts texts;
    // One status per distinct taint: the same few taints reject pods on many nodes.
    private final ConcurrentHashMap<Taint, Status> rejections = new ConcurrentHashMap<>();

    /** The plugin with this version's reason text. */
    public TaintToleration(ReasonTexts texts) {
        this.texts = texts;
    }

    @Override
    public String name() {
        return VersionProfile.TAINT_TOLERATION;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        for (Taint taint : node.taints()) {
            if (taint.forbidsScheduling() && !Toleration.anyTolerates(pod.tolerations(), taint)) {
                return rejections.computeIfAbsent(taint,
                        t -> Status.unresolvable(name(), texts.untoleratedTaint(t.key(), t.value())));
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        long count = 0;
        // Kubernetes scores only with tolerations whose effect is PreferNoSchedule or empty; tolerates() already
        // rejects any other effect for a PreferNoSchedule taint, so the general match gives the same count.
        for (Taint taint : node.taints()) {
            if (Taint.PREFER_NO_SCHEDULE.equals(taint.effect()) && !Toleration.anyTolerates(pod.tolerations(), taint)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalize(long[] scores, int count) {
        ScorePlugin.normalizeToMax(scores, count, true);
    }

    @Override
    public Set<ClusterEventType> eventsToRegister() {
        return Set.of(ClusterEventType.NODE_ADD, ClusterEventType.NODE_TAINT_CHANGE);
    }

    @Override
    public boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        return NodeFilterHint.passesNow(this, pod, event);
    }
}
