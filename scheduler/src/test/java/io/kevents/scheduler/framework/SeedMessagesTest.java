package io.kevents.scheduler.framework;

import static io.kevents.scheduler.testing.Objects.info;
import static io.kevents.scheduler.testing.Objects.master;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.scheduler.plugins.DefaultPlugins;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.scheduler.testing.Objects;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The seed's cluster through the real plugins: the filter order decides which reason each node reports. */
class SeedMessagesTest {

    private static final NodeInfo MASTER_WITH_SSD = info(master("k8s-master01", Map.of("disktype", "ssd")));
    private static final NodeInfo MASTER_WITHOUT_SSD = info(master("k8s-master01", Map.of()));
    private static final NodeInfo WORKER = info(node("k8s-node01", Map.of()));

    @Test
    void v1_20_seed_cluster() {
        assertThat(message(VersionProfile.V1_20, List.of(MASTER_WITH_SSD, WORKER), PodInfo.from(Objects.seedPod())))
                .isEqualTo("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity, 1 node(s) had "
                        + "taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.");
    }

    @Test
    void v1_20_reports_the_selector_for_a_master_without_the_label() {
        // NodeAffinity runs before TaintToleration in v1.20: both nodes report the selector.
        assertThat(message(VersionProfile.V1_20, List.of(MASTER_WITHOUT_SSD, WORKER),
                PodInfo.from(Objects.seedPod())))
                .isEqualTo("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity.");
    }

    @Test
    void v1_32_selector_matching_neither_node() {
        assertThat(message(VersionProfile.V1_32, List.of(MASTER_WITHOUT_SSD, WORKER),
                PodInfo.from(Objects.seedPod())))
                .isEqualTo("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) "
                        + "had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/2 nodes are "
                        + "available: 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void v1_32_seed_cluster() {
        assertThat(message(VersionProfile.V1_32, List.of(MASTER_WITH_SSD, WORKER), PodInfo.from(Objects.seedPod())))
                .isEqualTo("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) "
                        + "had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/2 nodes are "
                        + "available: 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void resource_shortage_with_equal_priority_pods_finds_no_victims() {
        PodInfo running = info(pod("running", Map.of("cpu", "3"))).withNodeName("n");
        List<NodeInfo> nodes = List.of(
                info(node("n1", Map.of())).withPod(running.withNodeName("n1")),
                info(node("n2", Map.of())).withPod(running.withNodeName("n2")),
                info(node("n3", Map.of())).withPod(running.withNodeName("n3")));
        PodInfo big = info(pod("big", Map.of("cpu", "2")));
        assertThat(message(VersionProfile.V1_32, nodes, big)).isEqualTo("0/3 nodes are available: 3 Insufficient "
                + "cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
        assertThat(message(VersionProfile.V1_20, nodes, big)).isEqualTo("0/3 nodes are available: 3 Insufficient cpu.");
    }

    @Test
    void preemption_takes_away_every_lower_priority_pod_of_a_node_at_once() {
        // Node capacity is 4 cpu; three lower-priority pods of 1 cpu each leave 1, too little for 2.5 cpu.
        NodeInfo busy = info(node("n", Map.of()));
        for (String name : List.of("low-1", "low-2", "low-3")) {
            busy = busy.withPod(info(pod(name, Map.of("cpu", "1"))).withNodeName("n"));
        }
        PodInfo high = info(pod("high", Map.of("cpu", "2500m")).editSpec().withPriority(1000).endSpec());
        // Without all three it fits: Kubernetes would preempt, so the message carries no preemption verdict.
        assertThat(message(VersionProfile.V1_32, List.of(busy), high))
                .isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");

        PodInfo huge = info(pod("huge", Map.of("cpu", "5")).editSpec().withPriority(1000).endSpec());
        assertThat(message(VersionProfile.V1_32, List.of(busy), huge)).isEqualTo("0/1 nodes are available: 1 "
                + "Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(busy.withoutPods(pod -> pod.priority() < 1000).pods()).isEmpty();
        assertThat(busy.withoutPods(pod -> pod.priority() < 1000).requested().milliCpu()).isZero();
        assertThat(busy.withoutPods(pod -> false)).isSameAs(busy);
    }

    @Test
    void preemption_policy_never_is_not_eligible() {
        PodInfo never = info(pod("never", Map.of()).editSpec().addToNodeSelector("disktype", "nvme")
                .withPreemptionPolicy("Never").endSpec());
        assertThat(message(VersionProfile.V1_32, List.of(WORKER), never)).isEqualTo("0/1 nodes are available: 1 "
                + "node(s) didn't match Pod's node affinity/selector. preemption: not eligible due to "
                + "preemptionPolicy=Never.");
    }

    @Test
    void mixed_v1_20_cluster() {
        PodInfo running = info(pod("running", Map.of("cpu", "3", "memory", "7Gi")));
        List<NodeInfo> nodes = List.of(info(master("m", Map.of())),
                info(node("w1", Map.of())).withPod(running.withNodeName("w1")),
                info(node("w2", Map.of())).withPod(running.withNodeName("w2")));
        PodInfo pod = info(pod("p", Map.of("cpu", "2", "memory", "2Gi")));
        assertThat(message(VersionProfile.V1_20, nodes, pod)).isEqualTo("0/3 nodes are available: 1 node(s) had "
                + "taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate, 2 Insufficient cpu, "
                + "2 Insufficient memory.");
    }

    private static String message(VersionProfile profile, List<NodeInfo> nodes, PodInfo pod) {
        Framework framework = DefaultPlugins.framework(profile);
        SchedulingAlgorithm algorithm = new SchedulingAlgorithm(framework,
                DefaultPlugins.postFilter(profile, framework), 0, new SplittableRandom(1));
        ScheduleResult result = algorithm.schedule(pod, new Snapshot(nodes, Map.of()));
        assertThat(result).isInstanceOf(ScheduleResult.Unfit.class);
        Diagnosis diagnosis = ((ScheduleResult.Unfit) result).diagnosis();
        return profile.failureMessages().fitError(diagnosis.numAllNodes(),
                diagnosis.nodeStatuses().stream().map(NodeStatus::status).toList(), diagnosis.postFilterMessage());
    }
}
