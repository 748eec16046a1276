package io.kevents.scheduler.profile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything about the scheduler that depends on the Kubernetes version it imitates: the order of the filters
 * (only the first failing one per node is reported, so the order is part of the message), the reason texts, how
 * the FailedScheduling message is assembled, whether preemption's verdict is appended, whether the event's copy is
 * truncated, the score weights, and the queue's behaviour.
 *
 * <p>Chosen with {@code --kubernetes-version}; {@link #forVersion(String)} accepts {@code 1.20}, {@code v1.20.1},
 * {@code 1.32}, {@code 1.32.4} and the like.
 *
 * @param version                the minor version, e.g. {@code 1.20}
 * @param filterOrder            filter plugin names in the order they run
 * @param texts                  reason and note texts
 * @param fitErrorStyle          how the message's parts are joined
 * @param preemptionMessage      whether preemption's verdict ({@code preemption: ...}) is appended
 * @param truncateEventNote      whether the event's copy is cut to 1024 bytes
 * @param scoreWeights           score plugin name → weight
 * @param balancedAllocation     how cpu/memory balance is scored
 * @param queueing               which unschedulable pods a cluster event retries
 * @param maxUnschedulableAge    how long a pod stays unschedulable before the periodic flush retries it anyway
 * @param errorsAreUnschedulable whether a scheduling error parks the pod with the unschedulable ones (v1.20) rather
 *                               than going straight to back-off
 */
public record VersionProfile(String version, List<String> filterOrder, ReasonTexts texts, FitErrorStyle fitErrorStyle,
                             boolean preemptionMessage, boolean truncateEventNote, Map<String, Integer> scoreWeights,
                             BalancedAllocationStyle balancedAllocation, QueueingStrategy queueing,
                             Duration maxUnschedulableAge, boolean errorsAreUnschedulable) {

    /** Plugin names, as in Kubernetes' scheduler configuration. */
    public static final String NODE_UNSCHEDULABLE = "NodeUnschedulable";
    public static final String NODE_NAME = "NodeName";
    public static final String TAINT_TOLERATION = "TaintToleration";
    public static final String NODE_AFFINITY = "NodeAffinity";
    public static final String NODE_PORTS = "NodePorts";
    public static final String NODE_RESOURCES_FIT = "NodeResourcesFit";
    public static final String BALANCED_ALLOCATION = "NodeResourcesBalancedAllocation";
    public static final String IMAGE_LOCALITY = "ImageLocality";

    private static final String NODE_UNSCHEDULABLE_TEXT = "node(s) were unschedulable";
    private static final String NODE_NAME_TEXT = "node(s) didn't match the requested node name";
    private static final String NODE_PORTS_TEXT = "node(s) didn't have free ports for the requested pod ports";

    /**
     * Kubernetes v1.20, as the seed's v1.20.1 cluster behaves: NodeAffinity runs before TaintToleration, the node
     * affinity text is {@code node(s) didn't match Pod's node affinity} (what the real cluster printed), no
     * preemption text, no truncation, every unschedulable pod retried on any node change and after 60 s.
     */
    public static final VersionProfile V1_20 = new VersionProfile("1.20",
            List.of(NODE_UNSCHEDULABLE, NODE_RESOURCES_FIT, NODE_NAME, NODE_PORTS, NODE_AFFINITY, TAINT_TOLERATION),
            new ReasonTexts(NODE_UNSCHEDULABLE_TEXT, NODE_NAME_TEXT,
                    "node(s) had taint {%s: %s}, that the pod didn't tolerate",
                    "node(s) didn't match Pod's node affinity", NODE_PORTS_TEXT, "Too many pods", "Insufficient %s",
                    "no nodes available to schedule pods", "skip schedule deleting pod: %s/%s",
                    "binding rejected: running Bind plugin \"DefaultBinder\": %s",
                    "Preemption is not helpful for scheduling", "No preemption victims found for incoming pod",
                    "not eligible due to preemptionPolicy=Never."),
            FitErrorStyle.LEGACY, false, false,
            weights(NODE_RESOURCES_FIT, 1, BALANCED_ALLOCATION, 1, IMAGE_LOCALITY, 1, TAINT_TOLERATION, 1,
                    NODE_AFFINITY, 1),
            BalancedAllocationStyle.DIFFERENCE, QueueingStrategy.MOVE_ALL, Duration.ofSeconds(60), true);

    /**
     * Kubernetes v1.32: TaintToleration before NodeAffinity, {@code untolerated taint} and
     * {@code node affinity/selector} texts, preemption's verdict appended, events cut to 1024 bytes, queueing hints,
     * unschedulable pods retried after 5 minutes at the latest.
     */
    public static final VersionProfile V1_32 = new VersionProfile("1.32",
            List.of(NODE_UNSCHEDULABLE, NODE_NAME, TAINT_TOLERATION, NODE_AFFINITY, NODE_PORTS, NODE_RESOURCES_FIT),
            new ReasonTexts(NODE_UNSCHEDULABLE_TEXT, NODE_NAME_TEXT, "node(s) had untolerated taint {%s: %s}",
                    "node(s) didn't match Pod's node affinity/selector", NODE_PORTS_TEXT, "Too many pods",
                    "Insufficient %s", "no nodes available to schedule pods", "skip schedule deleting pod: %s/%s",
                    "running Bind plugin \"DefaultBinder\": %s",
                    "Preemption is not helpful for scheduling", "No preemption victims found for incoming pod",
                    "not eligible due to preemptionPolicy=Never."),
            FitErrorStyle.CURRENT, true, true,
            weights(NODE_RESOURCES_FIT, 1, BALANCED_ALLOCATION, 1, IMAGE_LOCALITY, 1, TAINT_TOLERATION, 3,
                    NODE_AFFINITY, 2),
            BalancedAllocationStyle.STANDARD_DEVIATION, QueueingStrategy.PLUGIN_HINTS, Duration.ofMinutes(5), false);

    /** The profile used when no version is given: the current one. */
    public static final VersionProfile DEFAULT = V1_32;

    private static final List<VersionProfile> SUPPORTED = List.of(V1_20, V1_32);
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.\\d+)?(?:[-+].*)?");

    public VersionProfile {
        filterOrder = List.copyOf(filterOrder);
        scoreWeights = Map.copyOf(scoreWeights);
    }

    /** The profiles this scheduler can imitate. */
    public static List<VersionProfile> supported() {
        return SUPPORTED;
    }

    /** The profile for a version such as {@code 1.20}, {@code v1.20.1} or {@code 1.32.4}, if supported. */
    public static Optional<VersionProfile> lookup(String version) {
        if (version == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String minor = matcher.group(1) + "." + matcher.group(2);
        return SUPPORTED.stream().filter(profile -> profile.version().equals(minor)).findFirst();
    }

    /**
     * The profile for {@code version}.
     *
     * @throws IllegalArgumentException naming the supported versions, when it is not one of them
     */
    public static VersionProfile forVersion(String version) {
        return lookup(version).orElseThrow(() -> new IllegalArgumentException("unsupported Kubernetes version '"
                + version + "'; supported: " + SUPPORTED.stream().map(VersionProfile::version).toList()));
    }

    /** The failure-message builder of this version. */
    public FailureMessages failureMessages() {
        return new FailureMessages(fitErrorStyle, truncateEventNote);
    }

    /** The weight of a score plugin, 0 when this version does not run it. */
    public int weight(String plugin) {
        return scoreWeights.getOrDefault(plugin, 0);
    }

    private static Map<String, Integer> weights(Object... pairs) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            weights.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return weights;
    }
}
