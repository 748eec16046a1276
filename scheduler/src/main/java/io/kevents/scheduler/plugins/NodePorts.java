package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.EnqueueExtension;
import io.kevents.scheduler.framework.FilterPlugin;
import io.kevents.scheduler.framework.HostPort;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.List;
import java.util.Set;

/** A pod's host ports must be free on the node (same protocol and port, and overlapping address). */
public final class NodePorts implements FilterPlugin, EnqueueExtension {

    private final Status rejected;

    /** The plugin with this version's reason text. */
    public NodePorts(ReasonTexts texts) {
        this.rejected = Status.unschedulable(name(), texts.nodePorts());
    }

    @Override
    public String name() {
        return VersionProfile.NODE_PORTS;
    }

    @Override
    public Status filter(PodInfo pod, NodeInfo node) {
        if (pod.hostPorts().isEmpty() || node.usedPorts().isEmpty()) {
            return Status.SUCCESS;
        }
        return conflict(pod.hostPorts(), node.usedPorts()) ? rejected : Status.SUCCESS;
    }

    @Override
    public Set<ClusterEventType> eventsToRegister() {
        return Set.of(ClusterEventType.NODE_ADD, ClusterEventType.ASSIGNED_POD_DELETE);
    }

    @Override
    public boolean isWorthRequeuing(PodInfo pod, ClusterEvent event) {
        if (event.pod() != null) {
            // Only the deletion of a pod holding one of our ports can free it.
            return conflict(pod.hostPorts(), event.pod().hostPorts());
        }
        return NodeFilterHint.passesNow(this, pod, event);
    }

    private static boolean conflict(List<HostPort> wanted, List<HostPort> used) {
        for (HostPort port : wanted) {
            for (HostPort taken : used) {
                if (port.conflictsWith(taken)) {
                    return true;
                }
            }
        }
        return false;
    }
}
