package io.kevents.scheduler.plugins;

import io.kevents.scheduler.framework.Code;
import io.kevents.scheduler.framework.Diagnosis;
import io.kevents.scheduler.framework.Framework;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.NodeStatus;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.PostFilterPlugin;
import io.kevents.scheduler.framework.Snapshot;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.FailureMessages;
import io.kevents.scheduler.profile.ReasonTexts;
import java.util.ArrayList;
import java.util.List;

/**
 * Preemption's verdict, as versions from v1.24 append it to FailedScheduling: for every rejected node, would
 * evicting lower-priority pods make the pod fit?
 * <ul>
 *   <li>a node rejected for a reason eviction cannot change (an unresolvable status: taint, affinity, ...):
 *       {@code Preemption is not helpful for scheduling};</li>
 *   <li>a node without lower-priority pods: {@code No preemption victims found for incoming pod};</li>
 *   <li>a node that still fails with every lower-priority pod gone: that failure's reasons.</li>
 * </ul>
 * The verdicts form a second {@code 0/N nodes are available: ...} message, prefixed with {@code preemption: }. A pod
 * with {@code preemptionPolicy: Never} gets {@code preemption: not eligible due to preemptionPolicy=Never.}.
 *
 * <p>This scheduler does not evict: when some node would fit after eviction, the message carries no preemption
 * text, as Kubernetes' does when it preempts (it then nominates the node and deletes the victims).
 */
public final class DefaultPreemption implements PostFilterPlugin {

    private static final String PREFIX = "preemption: ";

    private final Framework framework;
    private final ReasonTexts texts;
    private final FailureMessages messages;
    private final Status notHelpful;
    private final Status noVictims;

    /**
     * @param framework the filters to re-run on a node without its lower-priority pods
     * @param texts     this version's verdict texts
     * @param messages  this version's message builder
     */
    public DefaultPreemption(Framework framework, ReasonTexts texts, FailureMessages messages) {
        this.framework = framework;
        this.texts = texts;
        this.messages = messages;
        this.notHelpful = Status.unresolvable(name(), texts.preemptionNotHelpful());
        this.noVictims = Status.unresolvable(name(), texts.noPreemptionVictims());
    }

    @Override
    public String name() {
        return "DefaultPreemption";
    }

    @Override
    public String postFilter(PodInfo pod, Diagnosis diagnosis, Snapshot snapshot) {
        if ("Never".equals(pod.preemptionPolicy())) {
            return PREFIX + texts.preemptionNever();
        }
        List<Status> verdicts = new ArrayList<>(diagnosis.nodeStatuses().size());
        boolean candidate = false;
        for (NodeStatus rejected : diagnosis.nodeStatuses()) {
            if (rejected.status().code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                verdicts.add(notHelpful);
                continue;
            }
            NodeInfo withoutVictims = rejected.node().withoutPods(running -> running.priority() < pod.priority());
            if (withoutVictims == rejected.node()) {
                verdicts.add(noVictims);
                continue;
            }
            Status after = framework.runFilters(pod, withoutVictims);
            if (after.isSuccess()) {
                candidate = true;
            } else {
                verdicts.add(after);
            }
        }
        if (candidate) {
            return "";
        }
        return PREFIX + messages.fitError(diagnosis.numAllNodes(), verdicts, "");
    }
}
