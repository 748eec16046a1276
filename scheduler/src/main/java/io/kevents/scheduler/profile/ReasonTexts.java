package io.kevents.scheduler.profile;

/**
 * The texts a Kubernetes version's scheduler writes: each filter's reason (counted in the FailedScheduling
 * histogram), preemption's verdicts, and the other FailedScheduling notes. Patterns use {@code %s}.
 *
 * @param nodeUnschedulable    NodeUnschedulable's reason
 * @param nodeName             NodeName's reason
 * @param untoleratedTaint     TaintToleration's reason; {@code %s} twice: the taint's key and value
 * @param nodeAffinity         NodeAffinity's reason (nodeSelector and required affinity)
 * @param nodePorts            NodePorts' reason
 * @param tooManyPods          NodeResourcesFit's reason when the node's pod count is full
 * @param insufficient         NodeResourcesFit's reason per resource; {@code %s}: the resource name
 * @param noNodes              the note when the scheduler knows no node
 * @param skipDeleting         the note for a pod being deleted; {@code %s} twice: namespace and name
 * @param bindFailed           the note when binding fails; {@code %s}: the API server's message
 * @param preemptionNotHelpful preemption's verdict on a node rejected for a reason eviction cannot change
 * @param noPreemptionVictims  preemption's verdict on a node without lower-priority pods
 * @param preemptionNever      preemption's verdict on a pod with {@code preemptionPolicy: Never}
 */
public record ReasonTexts(String nodeUnschedulable, String nodeName, String untoleratedTaint, String nodeAffinity,
                          String nodePorts, String tooManyPods, String insufficient, String noNodes,
                          String skipDeleting, String bindFailed, String preemptionNotHelpful,
                          String noPreemptionVictims, String preemptionNever) {

    /** The reason for an untolerated taint. */
    public String untoleratedTaint(String key, String value) {
        return untoleratedTaint.replaceFirst("%s", quoteReplacement(key)).replaceFirst("%s", quoteReplacement(value));
    }

    /** The reason for a resource the node has too little of. */
    public String insufficient(String resource) {
        return insufficient.replace("%s", resource);
    }

    /** The note for a pod that is being deleted. */
    public String skipDeleting(String namespace, String name) {
        return skipDeleting.replaceFirst("%s", quoteReplacement(namespace)).replaceFirst("%s", quoteReplacement(name));
    }

    /** The note for a failed binding. */
    public String bindFailed(String serverMessage) {
        return bindFailed.replace("%s", serverMessage);
    }

    private static String quoteReplacement(String text) {
        return java.util.regex.Matcher.quoteReplacement(text);
    }
}
