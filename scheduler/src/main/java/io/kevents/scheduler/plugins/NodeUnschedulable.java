package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.EnqueueExtension;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.framework.Taint;
import io.kevents.scheduler.framework.Toleration;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.Set;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable: true}) unless they tolerate the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint that stands for it.
 */
public final class NodeUnschedulable implements FilterPlugin, EnqueueExtension {

    /** The taint a cordoned node is treated as having. */
    static final Taint UNSCHEDULABLE_TAINT = new Taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE);

    private final Status rejected;

    /** The plugin with this version's reason text. */
    public NodeUnschedulable(ReasonTexts texts) {
        this.rejected = Status.unresolvable(name(), texts.nodeUnschedulable());
    }

    @Override
    public String name() {
        return VersionProfile.NODE_UNSCHEDULABLE;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        if (!node.unschedulable()) {
            return Status.SUCCESS;
        }
        return Toleration.anyTolerates(pod.tolerations(), UNSCHEDULABLE_TAINT) ? Status.SUCCESS : rejected;
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
