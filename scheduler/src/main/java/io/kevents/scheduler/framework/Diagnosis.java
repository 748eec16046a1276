package io.kevents.scheduler.framework;

import java.util.List;
import java.util.Set;

/**
 * Why a pod fits no node (the data of Kubernetes' {@code FitError}): the number of nodes, each rejected node's
 * status, the plugins that rejected it (the queue retries the pod when one of them could change its mind), and what
 * the PostFilter step (preemption) had to say.
 *
 * @param numAllNodes          nodes in the cycle's snapshot
 * @param nodeStatuses         one entry per rejected node
 * @param unschedulablePlugins names of the filters that rejected some node
 * @param postFilterMessage    text to append, or empty
 */
public record Diagnosis(int numAllNodes, List<NodeStatus> nodeStatuses, Set<String> unschedulablePlugins,
                        String postFilterMessage) {

    public Diagnosis {
        nodeStatuses = List.copyOf(nodeStatuses);
        unschedulablePlugins = Set.copyOf(unschedulablePlugins);
        postFilterMessage = postFilterMessage == null ? "" : postFilterMessage;
    }

    /** This diagnosis with a PostFilter message. */
    public Diagnosis withPostFilterMessage(String message) {
        return new Diagnosis(numAllNodes, nodeStatuses, unschedulablePlugins, message);
    }
}
