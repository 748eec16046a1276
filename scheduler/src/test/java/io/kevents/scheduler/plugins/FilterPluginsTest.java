package io.kevents.scheduler.plugins;

import static io.kevents.scheduler.testing.Objects.info;
import static io.kevents.scheduler.testing.Objects.master;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.Code;
import io.kevents.scheduler.framework.NodeInfo;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.Status;
import io.kevents.scheduler.profile.ReasonTexts;
import io.kevents.scheduler.profile.VersionProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterPluginsTest {

    private static final ReasonTexts V1_20 = VersionProfile.V1_20.texts();
    private static final ReasonTexts V1_32 = VersionProfile.V1_32.texts();

    @Test
    void node_unschedulable_rejects_cordoned_nodes_unless_tolerated() {
        NodeUnschedulable plugin = new NodeUnschedulable(V1_32);
        NodeInfo cordoned = info(node("n", Map.of()).editSpec().withUnschedulable(true).endSpec());
        Status status = plugin.filter(info(pod("p", Map.of())), cordoned);
        assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(status.reasons()).containsExactly("node(s) were unschedulable");
        PodInfo tolerant = info(pod("t", Map.of()).editSpec().addToTolerations(new TolerationBuilder()
                .withKey("node.kubernetes.io/unschedulable").withOperator("Exists").withEffect("NoSchedule").build())
                .endSpec());
        assertThat(plugin.filter(tolerant, cordoned).isSuccess()).isTrue();
        assertThat(plugin.filter(info(pod("p", Map.of())), info(node("m", Map.of()))).isSuccess()).isTrue();
    }

    @Test
    void node_name_accepts_only_the_named_node() {
        NodeName plugin = new NodeName(V1_20);
        PodInfo named = info(pod("p", Map.of()).editSpec().withNodeName("a").endSpec());
        assertThat(plugin.filter(named, info(node("a", Map.of()))).isSuccess()).isTrue();
        assertThat(plugin.filter(named, info(node("b", Map.of()))).reasons())
                .containsExactly("node(s) didn't match the requested node name");
        assertThat(plugin.filter(info(pod("free", Map.of())), info(node("b", Map.of()))).isSuccess()).isTrue();
    }

    @Test
    void taint_toleration_reports_the_first_untolerated_taint_in_each_versions_words() {
        NodeInfo tainted = info(master("m", Map.of()).editSpec()
                .addToTaints(new TaintBuilder().withKey("dedicated").withValue("gpu").withEffect("NoExecute").build())
                .endSpec());
        PodInfo plain = info(pod("p", Map.of()));
        assertThat(new TaintToleration(V1_20).filter(plain, tainted).reasons()).containsExactly(
                "node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate");
        assertThat(new TaintToleration(V1_32).filter(plain, tainted).reasons())
                .containsExactly("node(s) had untolerated taint {node-role.kubernetes.io/master: }");
        PodInfo tolerant = info(pod("t", Map.of()).editSpec().addToTolerations(new TolerationBuilder()
                .withKey("node-role.kubernetes.io/master").withOperator("Exists").build()).endSpec());
        assertThat(new TaintToleration(V1_32).filter(tolerant, tainted).reasons())
                .containsExactly("node(s) had untolerated taint {dedicated: gpu}");
        PodInfo tolerateAll = info(pod("a", Map.of()).editSpec()
                .addToTolerations(new TolerationBuilder().withOperator("Exists").build()).endSpec());
        assertThat(new TaintToleration(V1_32).filter(tolerateAll, tainted).isSuccess()).isTrue();
    }

    @Test
    void prefer_no_schedule_taints_only_lower_the_score() {
        TaintToleration plugin = new TaintToleration(V1_32);
        NodeInfo soft = info(node("s", Map.of()).editSpec().addToTaints(new TaintBuilder().withKey("k")
                .withEffect("PreferNoSchedule").build()).endSpec());
        NodeInfo clean = info(node("c", Map.of()));
        PodInfo pod = info(pod("p", Map.of()));
        assertThat(plugin.filter(pod, soft).isSuccess()).isTrue();
        long[] scores = {plugin.score(pod, soft, null), plugin.score(pod, clean, null)};
        plugin.normalize(scores, 2);
        assertThat(scores).containsExactly(0, 100);
    }

    @Test
    void node_affinity_checks_the_selector_and_required_terms() {
        NodeAffinity plugin = new NodeAffinity(V1_32);
        PodInfo selector = info(pod("p", Map.of()).editSpec().addToNodeSelector("disktype", "ssd").endSpec());
        assertThat(plugin.filter(selector, info(node("ssd", Map.of("disktype", "ssd")))).isSuccess()).isTrue();
        Status rejected = plugin.filter(selector, info(node("hdd", Map.of("disktype", "hdd"))));
        assertThat(rejected.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");
        assertThat(new NodeAffinity(V1_20).filter(selector, info(node("x", Map.of()))).reasons())
                .containsExactly("node(s) didn't match Pod's node affinity");

        PodInfo required = info(pod("r", Map.of()).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("zone").withOperator("In")
                .withValues("a", "b").endMatchExpression().endNodeSelectorTerm()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("cores").withOperator("Gt")
                .withValues("8").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec());
        assertThat(plugin.filter(required, info(node("a", Map.of("zone", "b")))).isSuccess()).isTrue();
        assertThat(plugin.filter(required, info(node("big", Map.of("cores", "16")))).isSuccess()).isTrue();
        assertThat(plugin.filter(required, info(node("small", Map.of("cores", "4")))).isSuccess()).isFalse();
        assertThat(plugin.filter(required, info(node("none", Map.of()))).isSuccess()).isFalse();

        PodInfo byName = info(pod("f", Map.of()).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                .addNewMatchField().withKey("metadata.name").withOperator("NotIn").withValues("bad").endMatchField()
                .addNewMatchExpression().withKey("gone").withOperator("DoesNotExist").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                .endAffinity().endSpec());
        assertThat(plugin.filter(byName, info(node("good", Map.of()))).isSuccess()).isTrue();
        assertThat(plugin.filter(byName, info(node("bad", Map.of()))).isSuccess()).isFalse();
        assertThat(plugin.filter(byName, info(node("good", Map.of("gone", "x")))).isSuccess()).isFalse();
    }

    @Test
    void node_affinity_hint_queues_only_when_the_changed_node_now_matches() {
        NodeAffinity plugin = new NodeAffinity(V1_32);
        PodInfo selector = info(pod("p", Map.of()).editSpec().addToNodeSelector("disktype", "ssd").endSpec());
        assertThat(plugin.eventsToRegister()).contains(ClusterEventType.NODE_LABEL_CHANGE, ClusterEventType.NODE_ADD);
        assertThat(plugin.isWorthRequeuing(selector, ClusterEvent.nodeUpdated(
                Set.of(ClusterEventType.NODE_LABEL_CHANGE), info(node("n", Map.of("disktype", "ssd")))))).isTrue();
        assertThat(plugin.isWorthRequeuing(selector, ClusterEvent.nodeUpdated(
                Set.of(ClusterEventType.NODE_LABEL_CHANGE), info(node("n", Map.of("disktype", "hdd")))))).isFalse();
    }

    @Test
    void node_ports_reject_a_port_in_use() {
        NodePorts plugin = new NodePorts(V1_20);
        PodInfo web = withHostPort("web", 8080, null);
        NodeInfo busy = info(node("n", Map.of())).withPod(withHostPort("other", 8080, "10.0.0.1").withNodeName("n"));
        Status rejected = plugin.filter(web, busy);
        assertThat(rejected.code()).isEqualTo(Code.UNSCHEDULABLE);
        assertThat(rejected.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
        assertThat(plugin.filter(withHostPort("other-port", 9090, null), busy).isSuccess()).isTrue();
        assertThat(plugin.filter(withHostPort("other-ip", 8080, "10.0.0.2"), busy).isSuccess()).isTrue();
        assertThat(plugin.filter(web, busy.withoutPod("default/other")).isSuccess()).isTrue();
    }

    @Test
    void node_resources_fit_reports_every_shortage() {
        NodeResourcesFit plugin = new NodeResourcesFit(V1_20);
        NodeInfo node = info(node("n", Map.of()).editStatus().addToAllocatable("pods", new Quantity("1"))
                .addToAllocatable("example.com/gpu", new Quantity("1")).endStatus())
                .withPod(info(pod("running", Map.of("cpu", "3", "memory", "7Gi"))).withNodeName("n"));
        Status status = plugin.filter(info(pod("big", Map.of("cpu", "2", "memory", "2Gi", "example.com/gpu", "2"))),
                node);
        assertThat(status.code()).isEqualTo(Code.UNSCHEDULABLE);
        assertThat(status.reasons()).containsExactly("Too many pods", "Insufficient cpu", "Insufficient memory",
                "Insufficient example.com/gpu");
        // A pod asking for nothing is checked against the pod count only.
        assertThat(plugin.filter(info(pod("none", Map.of())), node).reasons()).containsExactly("Too many pods");
        NodeInfo roomy = info(node("r", Map.of()));
        assertThat(plugin.filter(info(pod("fits", Map.of("cpu", "4", "memory", "8Gi"))), roomy).isSuccess()).isTrue();
        assertThat(plugin.filter(info(pod("over", Map.of("cpu", "4001m"))), roomy).reasons())
                .containsExactly("Insufficient cpu");
        assertThat(plugin.filter(info(pod("disk", Map.of("ephemeral-storage", "1Gi"))), roomy).reasons())
                .containsExactly("Insufficient ephemeral-storage");
    }

    @Test
    void requests_add_containers_take_the_largest_init_container_and_add_overhead() {
        PodBuilder builder = pod("p", Map.of("cpu", "500m", "memory", "1Gi"));
        builder.editSpec().addNewContainer().withName("sidecar").withImage("busybox").withNewResources()
                .addToRequests("cpu", new Quantity("250m")).endResources().endContainer()
                .addNewInitContainer().withName("init").withImage("busybox").withNewResources()
                .addToRequests("cpu", new Quantity("2")).endResources().endInitContainer()
                .addToOverhead("memory", new Quantity("100Mi")).endSpec();
        PodInfo pod = PodInfo.from(builder.build());
        assertThat(pod.requests().milliCpu()).isEqualTo(2000);
        assertThat(pod.requests().memory()).isEqualTo(1024L * 1024 * 1024 + 100L * 1024 * 1024);
        assertThat(pod.nonZeroMilliCpu()).isEqualTo(2000);
        assertThat(pod.images()).containsExactly("nginx:1.8", "busybox:latest");
    }

    @Test
    void least_allocated_and_balanced_scores() {
        NodeResourcesFit fit = new NodeResourcesFit(V1_32);
        NodeInfo node = info(node("n", Map.of()));
        PodInfo half = info(pod("half", Map.of("cpu", "2", "memory", "4Gi")));
        assertThat(fit.score(half, node, null)).isEqualTo(50);
        PodInfo skewed = info(pod("skewed", Map.of("cpu", "2", "memory", "1Gi")));
        assertThat(new BalancedAllocation(VersionProfile.V1_20.balancedAllocation()).score(skewed, node, null))
                .isEqualTo(62);
        assertThat(new BalancedAllocation(VersionProfile.V1_32.balancedAllocation()).score(skewed, node, null))
                .isEqualTo(81);
    }

    @Test
    void image_locality_prefers_nodes_with_big_images() {
        ImageLocality plugin = new ImageLocality();
        NodeInfo withImage = info(node("i", Map.of()).editStatus().addNewImage().withNames("nginx:1.8")
                .withSizeBytes(500L * 1024 * 1024).endImage().endStatus());
        NodeInfo without = info(node("o", Map.of()));
        var snapshot = new io.kevents.scheduler.framework.Snapshot(List.of(withImage, without),
                Map.of("nginx:1.8", 1));
        PodInfo pod = info(pod("p", Map.of()));
        assertThat(plugin.appliesTo(pod, snapshot)).isTrue();
        assertThat(plugin.score(pod, withImage, snapshot)).isGreaterThan(plugin.score(pod, without, snapshot));
        assertThat(plugin.score(pod, without, snapshot)).isZero();
        assertThat(plugin.appliesTo(info(pod("q", Map.of()).editSpec().editFirstContainer().withImage("redis")
                .endContainer().endSpec()), snapshot)).isFalse();
    }

    private static PodInfo withHostPort(String name, int port, String hostIp) {
        return info(pod(name, Map.of()).editSpec().editFirstContainer().addToPorts(new ContainerPortBuilder()
                .withContainerPort(80).withHostPort(port).withHostIP(hostIp).build()).endContainer().endSpec());
    }
}
