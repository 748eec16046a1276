package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.EnqueueExtension;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.Set;

/** A pod that names its node ({@code spec.nodeName}) fits only there. */
public final class NodeName implements FilterPlugin, EnqueueExtension {

    private final Status rejected;

    /** The plugin with this version's reason text. */
    public NodeName(ReasonTexts texts) {
        this.rejected = Status.unresolvable(name(), texts.nodeName());
    }

    @Override
    public String name() {
        return VersionProfile.NODE_NAME;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        return !pod.isAssigned() || pod.nodeName().equals(node.name()) ? Status.SUCCESS : rejected;
    }

    @Override
    public Set<ClusterEventType> eventsToRegister() {
        return Set.of(ClusterEventType.NODE_ADD);
    }

    @Override
    public boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        return NodeFilterHint.passesNow(this, pod, event);
    }
}
