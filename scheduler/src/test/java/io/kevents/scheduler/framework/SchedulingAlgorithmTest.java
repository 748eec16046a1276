package io.kevents.scheduler.framework;

import static io.kevents.scheduler.testing.Objects.info;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.scheduler.plugins.DefaultPlugins;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SchedulingAlgorithmTest {

    @Test
    void feasible_nodes_to_find_follows_the_adaptive_percentage() {
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(2, 0)).isEqualTo(2);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(99, 0)).isEqualTo(99);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(100, 0)).isEqualTo(100);
        // 1000 nodes: 50 - 1000/125 = 42% -> 420.
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(1000, 0)).isEqualTo(420);
        // 5000 nodes: 50 - 40 = 10% -> 500; 10000 nodes: floor of 5% -> 500.
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(5000, 0)).isEqualTo(500);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(10000, 0)).isEqualTo(500);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(150, 10)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.numFeasibleNodesToFind(1000, 100)).isEqualTo(1000);
    }

    @Test
    void stops_after_enough_feasible_nodes_and_continues_there_next_time() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(info(node("n" + i, Map.of())));
        }
        SchedulingAlgorithm algorithm = algorithm(VersionProfile.V1_32, new SplittableRandom(7));
        Snapshot snapshot = new Snapshot(nodes, Map.of());
        ScheduleResult.Feasible first = (ScheduleResult.Feasible) algorithm.schedule(info(pod("a", Map.of())),
                snapshot);
        assertThat(first.evaluated()).isEqualTo(420);
        assertThat(first.feasible()).isEqualTo(420);
        assertThat(Integer.parseInt(first.nodeName().substring(1))).isBetween(0, 419);
        ScheduleResult.Feasible second = (ScheduleResult.Feasible) algorithm.schedule(info(pod("b", Map.of())),
                snapshot);
        assertThat(Integer.parseInt(second.nodeName().substring(1))).isBetween(420, 839);
    }

    @Test
    void an_unschedulable_pod_is_checked_against_every_node() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            nodes.add(info(node("n" + i, Map.of())));
        }
        ScheduleResult result = algorithm(VersionProfile.V1_20, new SplittableRandom(1)).schedule(
                info(pod("p", Map.of()).editSpec().addToNodeSelector("disktype", "ssd").endSpec()),
                new Snapshot(nodes, Map.of()));
        assertThat(((ScheduleResult.Unfit) result).diagnosis().nodeStatuses()).hasSize(300);
    }

    @Test
    void prefers_the_least_allocated_node() {
        PodInfo busy = info(pod("busy", Map.of("cpu", "3", "memory", "6Gi")));
        List<NodeInfo> nodes = List.of(info(node("full", Map.of())).withPod(busy.withNodeName("full")),
                info(node("empty", Map.of())));
        for (VersionProfile profile : VersionProfile.supported()) {
            ScheduleResult result = algorithm(profile, new SplittableRandom(3)).schedule(
                    info(pod("p", Map.of("cpu", "100m", "memory", "100Mi"))), new Snapshot(nodes, Map.of()));
            assertThat(((ScheduleResult.Feasible) result).nodeName()).as(profile.version()).isEqualTo("empty");
        }
    }

    @Test
    void prefers_nodes_matching_preferred_affinity() {
        PodInfo pod = info(pod("p", Map.of()).editSpec().withNewAffinity().withNewNodeAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(10).withNewPreference()
                .addNewMatchExpression().withKey("zone").withOperator("In").withValues("a").endMatchExpression()
                .endPreference().endPreferredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .endSpec());
        List<NodeInfo> nodes = List.of(info(node("b", Map.of("zone", "b"))), info(node("a", Map.of("zone", "a"))),
                info(node("c", Map.of())));
        ScheduleResult result = algorithm(VersionProfile.V1_32, new SplittableRandom(5)).schedule(pod,
                new Snapshot(nodes, Map.of()));
        assertThat(((ScheduleResult.Feasible) result).nodeName()).isEqualTo("a");
    }

    @Test
    void ties_are_broken_by_the_injected_random_source() {
        List<NodeInfo> nodes = List.of(info(node("x", Map.of())), info(node("y", Map.of())),
                info(node("z", Map.of())));
        Snapshot snapshot = new Snapshot(nodes, Map.of());
        // A source that always answers 0 keeps replacing the choice with the latest tied node.
        RandomGenerator alwaysZero = () -> 0L;
        assertThat(((ScheduleResult.Feasible) algorithm(VersionProfile.V1_32, alwaysZero)
                .schedule(info(pod("p", Map.of())), snapshot)).nodeName()).isEqualTo("z");
        // A seeded source gives the same choice every run, and over many pods every tied node gets chosen.
        Set<String> chosen = new HashSet<>();
        List<String> firstRun = new ArrayList<>();
        List<String> secondRun = new ArrayList<>();
        for (List<String> run : List.of(firstRun, secondRun)) {
            SchedulingAlgorithm seeded = algorithm(VersionProfile.V1_32, new SplittableRandom(42));
            for (int i = 0; i < 30; i++) {
                run.add(((ScheduleResult.Feasible) seeded.schedule(info(pod("p" + i, Map.of())), snapshot))
                        .nodeName());
            }
        }
        chosen.addAll(firstRun);
        assertThat(firstRun).isEqualTo(secondRun);
        assertThat(chosen).containsExactlyInAnyOrder("x", "y", "z");
    }

    @Test
    void reservoir_sampling_chooses_each_tied_node_about_equally_often() {
        SchedulingAlgorithm algorithm = algorithm(VersionProfile.V1_32, new SplittableRandom(99));
        int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++) {
            counts[algorithm.selectHost(new long[] {5, 7, 7, 7})]++;
        }
        assertThat(counts[0]).isZero();
        for (int i = 1; i < 4; i++) {
            assertThat(counts[i]).isBetween(12_500, 14_200);
        }
    }

    @Test
    void no_nodes_is_its_own_result() {
        assertThat(algorithm(VersionProfile.V1_20, new SplittableRandom(1)).schedule(info(pod("p", Map.of())),
                Snapshot.EMPTY)).isInstanceOf(ScheduleResult.NoNodes.class);
    }

    private static SchedulingAlgorithm algorithm(VersionProfile profile, RandomGenerator random) {
        Framework framework = DefaultPlugins.framework(profile);
        return new SchedulingAlgorithm(framework, DefaultPlugins.postFilter(profile, framework), 0, random);
    }
}
