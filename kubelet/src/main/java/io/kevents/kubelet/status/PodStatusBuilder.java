package io.kevents.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.model.KubeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a pod's status as the kubelet's {@code generateAPIPodStatus} does: phase Pending until every container
 * runs, then Running; conditions (PodReadyToStartContainers in newer versions,) Initialized, Ready, ContainersReady,
 * PodScheduled in that order, keeping each condition's lastTransitionTime while its status stays; container
 * statuses with waiting reasons or running state; host and pod IPs; start time.
 */
public final class PodStatusBuilder {

    private final VersionProfile profile;

    /** Builds statuses as the kubelet of {@code profile} does. */
    public PodStatusBuilder(VersionProfile profile) {
        this.profile = profile;
    }

    /**
     * The status to write.
     *
     * @param pod        the pod (its current PodScheduled condition is kept)
     * @param previous   the status written last, for transition times; {@code null} before the first
     * @param hostIp     the node's address
     * @param podIp      the sandbox's address, {@code null} before the sandbox exists
     * @param startTime  when the kubelet first synced the pod
     * @param containers the containers in spec order
     * @param now        the time of this sync
     */
    public PodStatus build(Pod pod, PodStatus previous, String hostIp, String podIp, Instant startTime,
                           List<ContainerView> containers, Instant now) {
        PodStatus status = new PodStatus();
        boolean allRunning = containers.stream().allMatch(ContainerView::ready);
        status.setPhase(allRunning ? "Running" : "Pending");
        List<String> unready = containers.stream().filter(c -> !c.ready()).map(ContainerView::name).toList();
        String unreadyMessage = unready.isEmpty() ? null : "containers with unready status: [" + String.join(" ",
                unready) + "]";
        List<PodCondition> conditions = new ArrayList<>();
        if (profile.reportsPodReadyToStartContainers()) {
            conditions.add(condition(previous, "PodReadyToStartContainers", podIp != null, null, null, now));
        }
        conditions.add(condition(previous, "Initialized", true, null, null, now));
        conditions.add(condition(previous, "Ready", allRunning, allRunning ? null : "ContainersNotReady",
                unreadyMessage, now));
        conditions.add(condition(previous, "ContainersReady", allRunning, allRunning ? null : "ContainersNotReady",
                unreadyMessage, now));
        conditions.add(scheduled(pod, previous, now));
        status.setConditions(conditions);
        status.setHostIP(hostIp);
        if (profile != VersionProfile.V1_20) {
            status.setHostIPs(List.of(new HostIP(hostIp)));
        }
        if (podIp != null) {
            status.setPodIP(podIp);
            status.setPodIPs(List.of(new PodIP(podIp)));
        }
        status.setStartTime(KubeTime.formatTime(startTime));
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerView container : containers) {
            statuses.add(containerStatus(container));
        }
        status.setContainerStatuses(statuses);
        if (pod.getStatus() != null) {
            status.setQosClass(pod.getStatus().getQosClass());
        }
        return status;
    }

    private static ContainerStatus containerStatus(ContainerView container) {
        ContainerStatus status = new ContainerStatus();
        status.setName(container.name());
        status.setRestartCount(0);
        status.setLastState(new ContainerState());
        ContainerState state = new ContainerState();
        if (container.state() instanceof ContainerView.Running running) {
            state.setRunning(new ContainerStateRunning(KubeTime.formatTime(running.startedAt())));
            status.setImage(running.image());
            status.setImageID(running.imageId());
            status.setContainerID(running.containerId());
            status.setReady(true);
            status.setStarted(true);
        } else {
            ContainerView.Waiting waiting = (ContainerView.Waiting) container.state();
            state.setWaiting(new ContainerStateWaiting(waiting.message(), waiting.reason()));
            status.setImage(container.specImage());
            status.setImageID("");
            status.setReady(false);
            status.setStarted(false);
        }
        status.setState(state);
        return status;
    }

    private static PodCondition condition(PodStatus previous, String type, boolean isTrue, String reason,
                                          String message, Instant now) {
        String value = isTrue ? "True" : "False";
        PodCondition condition = new PodCondition();
        condition.setType(type);
        condition.setStatus(value);
        condition.setReason(reason);
        condition.setMessage(message);
        PodCondition before = find(previous, type);
        condition.setLastTransitionTime(before != null && value.equals(before.getStatus())
                ? before.getLastTransitionTime() : KubeTime.formatTime(now));
        return condition;
    }

    /** PodScheduled is the scheduler's (set on binding); the kubelet carries it over. */
    private static PodCondition scheduled(Pod pod, PodStatus previous, Instant now) {
        PodCondition fromServer = find(pod.getStatus(), "PodScheduled");
        if (fromServer != null) {
            PodCondition copy = new PodCondition();
            copy.setType("PodScheduled");
            copy.setStatus(fromServer.getStatus());
            copy.setReason(fromServer.getReason());
            copy.setMessage(fromServer.getMessage());
            copy.setLastTransitionTime(fromServer.getLastTransitionTime());
            return copy;
        }
        return condition(previous, "PodScheduled", true, null, null, now);
    }

    private static PodCondition find(PodStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (PodCondition condition : status.getConditions()) {
            if (type.equals(condition.getType())) {
                return condition;
            }
        }
        return null;
    }
}
