package io.kevents.scheduler.framework;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Chooses a node for a pod (Kubernetes' {@code schedulePod}): filter nodes starting where the previous cycle
 * stopped until enough feasible ones are found, score them, and pick the best, breaking ties at random.
 *
 * <p>Not thread-safe: one scheduling thread owns it (it keeps the round-robin start and the random source).
 */
public final class SchedulingAlgorithm {

    /** Below this many nodes every node is evaluated. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    private static final int MIN_FEASIBLE_NODES_PERCENTAGE = 5;
    private static final int BASE_PERCENTAGE = 50;

    private final Framework framework;
    private final PostFilterPlugin postFilter;
    private final int percentageOfNodesToScore;
    private final RandomGenerator random;
    private int nextStartNodeIndex;

    /**
     * @param framework                the plugins
     * @param postFilter               what runs when nothing fits (preemption's message), or {@code null}
     * @param percentageOfNodesToScore 0 for Kubernetes' adaptive percentage, otherwise 1–100
     * @param random                   breaks ties between equally good nodes
     */
    public SchedulingAlgorithm(Framework framework, PostFilterPlugin postFilter, int percentageOfNodesToScore,
                               RandomGenerator random) {
        this.framework = framework;
        this.postFilter = postFilter;
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        this.random = random;
    }

    /** Picks a node for {@code pod} among the snapshot's nodes. */
    public ScheduleResult schedule(PodInfo pod, Snapshot snapshot) {
        List<NodeInfo> nodes = snapshot.nodes();
        int total = nodes.size();
        if (total == 0) {
            return new ScheduleResult.NoNodes();
        }
        int wanted = numFeasibleNodesToFind(total, percentageOfNodesToScore);
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, 64));
        List<NodeStatus> rejected = new ArrayList<>();
        Set<String> rejectors = new HashSet<>();
        int start = nextStartNodeIndex % total;
        int processed = 0;
        for (int i = 0; i < total && feasible.size() < wanted; i++) {
            NodeInfo node = nodes.get((start + i) % total);
            processed++;
            Status status = framework.runFilters(pod, node);
            if (status.isSuccess()) {
                feasible.add(node);
            } else if (status.code() == Code.ERROR) {
                return new ScheduleResult.Failed(status);
            } else {
                rejected.add(new NodeStatus(node, status));
                rejectors.add(status.plugin());
            }
        }
        nextStartNodeIndex = (start + processed) % total;
        if (feasible.isEmpty()) {
            Diagnosis diagnosis = new Diagnosis(total, rejected, rejectors, "");
            if (postFilter != null) {
                diagnosis = diagnosis.withPostFilterMessage(postFilter.postFilter(pod, diagnosis, snapshot));
            }
            return new ScheduleResult.Unfit(diagnosis);
        }
        if (feasible.size() == 1) {
            return new ScheduleResult.Feasible(feasible.get(0).name(), processed, 1);
        }
        long[] totals = score(pod, feasible, snapshot);
        return new ScheduleResult.Feasible(feasible.get(selectHost(totals)).name(), processed, feasible.size());
    }

    /** The weighted sum of every applicable score plugin's normalised score, per feasible node. */
    long[] score(PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        int count = feasible.size();
        long[] totals = new long[count];
        long[] scores = new long[count];
        for (Framework.WeightedScorePlugin weighted : framework.scorePlugins()) {
            ScorePlugin plugin = weighted.plugin();
            if (!plugin.appliesTo(pod, snapshot)) {
                continue;
            }
            for (int i = 0; i < count; i++) {
                scores[i] = plugin.score(pod, feasible.get(i), snapshot);
            }
            plugin.normalize(scores, count);
            for (int i = 0; i < count; i++) {
                totals[i] += scores[i] * weighted.weight();
            }
        }
        return totals;
    }

    /** The index of a highest total, each of k tied ones chosen with probability 1/k (reservoir sampling). */
    int selectHost(long[] totals) {
        int selected = 0;
        long best = totals[0];
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > best) {
                best = totals[i];
                selected = i;
                ties = 1;
            } else if (totals[i] == best) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    selected = i;
                }
            }
        }
        return selected;
    }

    /**
     * How many feasible nodes to look for before scoring: all of a small cluster; otherwise a percentage that
     * shrinks as the cluster grows (50% − 1% per 125 nodes, at least 5%), but never fewer than 100.
     */
    public static int numFeasibleNodesToFind(int numAllNodes, int percentageOfNodesToScore) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentageOfNodesToScore >= 100) {
            return numAllNodes;
        }
        int percentage = percentageOfNodesToScore;
        if (percentage <= 0) {
            percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, BASE_PERCENTAGE - numAllNodes / 125);
        }
        int count = (int) ((long) numAllNodes * percentage / 100);
        return Math.max(count, MIN_FEASIBLE_NODES_TO_FIND);
    }
}
