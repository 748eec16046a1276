package io.kevents.scheduler.cache;

import static io.kevents.scheduler.testing.Objects.info;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Snapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private final SchedulerCache cache = new SchedulerCache();

    @Test
    void an_assumed_pod_counts_until_forgotten() {
        cache.addOrUpdateNode(node("n", Map.of()).build());
        PodInfo pod = info(pod("p", Map.of("cpu", "1"))).withNodeName("n");
        assertThat(cache.assume(pod)).isTrue();
        assertThat(cache.assume(pod)).isFalse();
        assertThat(cache.isAssumed("default/p")).isTrue();
        assertThat(cache.snapshot().nodes().get(0).requested().milliCpu()).isEqualTo(1000);
        cache.forget("default/p");
        assertThat(cache.snapshot().nodes().get(0).requested().milliCpu()).isZero();
        assertThat(cache.podCount()).isZero();
    }

    @Test
    void the_informer_confirms_an_assumed_pod_even_on_another_node() {
        cache.addOrUpdateNode(node("a", Map.of()).build());
        cache.addOrUpdateNode(node("b", Map.of()).build());
        cache.assume(info(pod("p", Map.of("cpu", "1"))).withNodeName("a"));
        cache.addPod(info(pod("p", Map.of("cpu", "1")).editSpec().withNodeName("b").endSpec()));
        assertThat(cache.isAssumed("default/p")).isFalse();
        assertThat(cache.nodeInfo("a").orElseThrow().pods()).isEmpty();
        assertThat(cache.nodeInfo("b").orElseThrow().pods()).hasSize(1);
        cache.forget("default/p");
        assertThat(cache.nodeInfo("b").orElseThrow().pods()).as("a confirmed pod is not forgotten").hasSize(1);
        cache.removePod("default/p");
        assertThat(cache.nodeInfo("b").orElseThrow().pods()).isEmpty();
    }

    @Test
    void snapshots_are_reused_until_something_changes() {
        cache.addOrUpdateNode(node("n", Map.of()).build());
        Snapshot first = cache.snapshot();
        assertThat(cache.snapshot()).isSameAs(first);
        cache.addPod(info(pod("p", Map.of()).editSpec().withNodeName("n").endSpec()));
        Snapshot second = cache.snapshot();
        assertThat(second).isNotSameAs(first);
        assertThat(first.nodes().get(0).pods()).as("an old snapshot does not change").isEmpty();
        assertThat(second.nodes().get(0).pods()).hasSize(1);
    }

    @Test
    void pods_on_unknown_nodes_wait_for_their_node_and_nodes_keep_their_order() {
        cache.addPod(info(pod("early", Map.of()).editSpec().withNodeName("late").endSpec()));
        assertThat(cache.snapshot().nodes()).isEmpty();
        cache.addOrUpdateNode(node("first", Map.of()).build());
        cache.addOrUpdateNode(node("late", Map.of()).build());
        cache.addOrUpdateNode(node("third", Map.of()).build());
        assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("first", "late", "third");
        assertThat(cache.snapshot().nodes().get(1).pods()).hasSize(1);
        cache.removeNode("first");
        assertThat(cache.snapshot().nodes()).extracting(n -> n.name()).containsExactly("late", "third");
        cache.addOrUpdateNode(new NodeBuilder(node("late", Map.of("x", "y")).build()).build());
        assertThat(cache.snapshot().nodes().get(0).labels()).containsEntry("x", "y");
        assertThat(cache.snapshot().nodes().get(0).pods()).hasSize(1);
    }

    @Test
    void counts_the_nodes_holding_each_image() {
        cache.addOrUpdateNode(node("a", Map.of()).editStatus().addNewImage().withNames("nginx:1.8").withSizeBytes(1L)
                .endImage().endStatus().build());
        cache.addOrUpdateNode(node("b", Map.of()).editStatus().addNewImage().withNames("nginx:1.8", "nginx")
                .withSizeBytes(1L).endImage().endStatus().build());
        assertThat(cache.snapshot().imageNodeCounts()).containsEntry("nginx:1.8", 2).containsEntry("nginx:latest", 1);
        cache.removeNode("a");
        assertThat(cache.snapshot().imageNodeCounts()).containsEntry("nginx:1.8", 1);
    }
}
