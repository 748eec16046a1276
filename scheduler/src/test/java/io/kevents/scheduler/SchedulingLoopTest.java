package io.kevents.scheduler;

import static io.kevents.scheduler.testing.Objects.master;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kevents.recorder.fake.FakeEvent;
import io.kevents.recorder.fake.FakeEventRecorder;
import io.kevents.scheduler.binder.ApiResult;
import io.kevents.scheduler.binder.Binder;
import io.kevents.scheduler.binder.PodStatusWriter;
import io.kevents.scheduler.cache.SchedulerCache;
import io.kevents.scheduler.framework.Framework;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.framework.SchedulingAlgorithm;
import io.kevents.scheduler.plugins.DefaultPlugins;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.scheduler.queue.Backoff;
import io.kevents.scheduler.queue.QueueingPolicy;
import io.kevents.scheduler.queue.SchedulingQueue;
import io.kevents.scheduler.queue.SchedulingQueue.Location;
import io.kevents.scheduler.testing.Objects;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The scheduling cycle with a manual clock and recorded API calls: no threads, no HTTP. */
class SchedulingLoopTest {

    private static final String SEED = "default/nginx-pod-failed-to-scheduler";

    private final ManualClock clock = new ManualClock();
    private final FakeEventRecorder recorder = new FakeEventRecorder();
    private final List<String> bindings = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private ApiResult bindAnswer = ApiResult.OK;
    private SchedulingQueue queue;
    private SchedulerCache cache;
    private ClusterEventHandlers handlers;
    private SchedulingLoop loop;

    private void setUp(VersionProfile profile) {
        Framework framework = DefaultPlugins.framework(profile);
        cache = new SchedulerCache();
        queue = new SchedulingQueue(clock, Backoff.DEFAULT, profile.maxUnschedulableAge(),
                QueueingPolicy.of(profile.queueing(), framework));
        handlers = new ClusterEventHandlers("default-scheduler", cache, queue);
        Binder binder = (pod, node) -> {
            bindings.add(pod.key() + " -> " + node);
            return CompletableFuture.completedFuture(bindAnswer);
        };
        PodStatusWriter writer = new PodStatusWriter() {
            @Override
            public CompletionStage<ApiResult> setUnschedulable(PodInfo pod, String reason, String message,
                                                               Instant lastTransitionTime) {
                conditions.add(reason + ": " + message);
                return CompletableFuture.completedFuture(ApiResult.OK);
            }
        };
        loop = new SchedulingLoop(profile, queue, cache, new SchedulingAlgorithm(framework,
                DefaultPlugins.postFilter(profile, framework), 0, new SplittableRandom(1)), binder, writer,
                recorder, clock, Runnable::run);
    }

    private void seedNodes() {
        handlers.onNodeAdd(master("k8s-master01", Map.of("disktype", "ssd")).build());
        handlers.onNodeAdd(node("k8s-node01", Map.of()).build());
    }

    private void runOnce() {
        loop.scheduleOne(queue.tryPop().orElseThrow());
    }

    @Test
    void the_seed_story_in_v1_20() {
        setUp(VersionProfile.V1_20);
        seedNodes();
        handlers.onPodAdd(Objects.seedPod());
        runOnce();

        String expected = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity, 1 node(s) had taint "
                + "{node-role.kubernetes.io/master: }, that the pod didn't tolerate.";
        FakeEvent failed = recorder.log().events().get(0);
        assertThat(failed.line()).isEqualTo("Warning FailedScheduling " + expected);
        assertThat(failed.action()).isEqualTo("Scheduling");
        assertThat(failed.regarding().name()).isEqualTo("nginx-pod-failed-to-scheduler");
        assertThat(conditions).containsExactly("Unschedulable: " + expected);
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);

        // The informer delivers our condition: no retry. A minute later the flush retries; the condition is
        // already there, so it is not written again.
        Pod withCondition = new PodBuilder(Objects.seedPod()).withNewStatus().addNewCondition()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(expected)
                .withLastTransitionTime("2021-09-15T11:13:20Z").endCondition().endStatus().build();
        handlers.onPodUpdate(Objects.seedPod(), withCondition);
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
        clock.advance(Duration.ofSeconds(61));
        queue.flushUnschedulableLeftover();
        runOnce();
        assertThat(recorder.log().lines()).containsExactly("Warning FailedScheduling " + expected,
                "Warning FailedScheduling " + expected);
        assertThat(conditions).hasSize(1);

        // kubectl label nodes k8s-node01 disktype=ssd
        Node before = node("k8s-node01", Map.of()).build();
        Node after = new NodeBuilder(before).editMetadata().addToLabels("disktype", "ssd").endMetadata().build();
        handlers.onNodeUpdate(before, after);
        clock.advance(Duration.ofSeconds(2));
        queue.flushBackoffCompleted();
        runOnce();

        assertThat(bindings).containsExactly(SEED + " -> k8s-node01");
        assertThat(recorder.log().lines()).last().isEqualTo(
                "Normal Scheduled Successfully assigned default/nginx-pod-failed-to-scheduler to k8s-node01");
        assertThat(recorder.log().events().get(2).action()).isEqualTo("Binding");
        assertThat(cache.isAssumed(SEED)).isTrue();
        assertThat(queue.locate(SEED)).isEqualTo(Location.ABSENT);

        // The informer sees the bound pod: the assumption is confirmed.
        Pod bound = new PodBuilder(withCondition).editSpec().withNodeName("k8s-node01").endSpec().build();
        handlers.onPodUpdate(withCondition, bound);
        assertThat(cache.isAssumed(SEED)).isFalse();
        assertThat(cache.nodeInfo("k8s-node01").orElseThrow().pods()).hasSize(1);
        assertThat(loop.stats()).isEqualTo(new SchedulerStats(3, 1, 2, 0));
    }

    @Test
    void the_seed_story_in_v1_32_labels_schedule_at_once() {
        setUp(VersionProfile.V1_32);
        seedNodes();
        handlers.onPodAdd(Objects.seedPod());
        runOnce();
        assertThat(recorder.log().lines()).containsExactly("Warning FailedScheduling 0/2 nodes are available: "
                + "1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/master: }. preemption: 0/2 nodes are available: 2 Preemption is not "
                + "helpful for scheduling.");
        clock.advance(Duration.ofSeconds(5));
        Node before = node("k8s-node01", Map.of()).build();
        handlers.onNodeUpdate(before,
                new NodeBuilder(before).editMetadata().addToLabels("disktype", "ssd").endMetadata().build());
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
        runOnce();
        assertThat(bindings).containsExactly(SEED + " -> k8s-node01");
    }

    @Test
    void a_failed_binding_is_forgotten_and_reported_in_each_versions_words() {
        for (VersionProfile profile : VersionProfile.supported()) {
            recorder.log().clear();
            conditions.clear();
            setUp(profile);
            bindAnswer = new ApiResult.Failed(409, "pod nginx is already assigned to node \"elsewhere\"");
            handlers.onNodeAdd(node("n1", Map.of()).build());
            handlers.onPodAdd(pod("nginx", Map.of()).build());
            runOnce();
            String prefix = profile == VersionProfile.V1_20 ? "binding rejected: " : "";
            String message = prefix + "running Bind plugin \"DefaultBinder\": pod nginx is already assigned to node "
                    + "\"elsewhere\"";
            assertThat(recorder.log().lines()).as(profile.version())
                    .containsExactly("Warning FailedScheduling " + message);
            assertThat(conditions).containsExactly("SchedulerError: " + message);
            assertThat(cache.isAssumed("default/nginx")).isFalse();
            assertThat(cache.nodeInfo("n1").orElseThrow().pods()).isEmpty();
            assertThat(queue.locate("default/nginx")).as(profile.version()).isEqualTo(Location.BACKOFF);
        }
    }

    @Test
    void no_nodes_and_deleting_pods_have_their_own_notes() {
        setUp(VersionProfile.V1_32);
        handlers.onPodAdd(pod("lonely", Map.of()).build());
        runOnce();
        assertThat(recorder.log().lines()).containsExactly(
                "Warning FailedScheduling no nodes available to schedule pods");
        assertThat(conditions).containsExactly("Unschedulable: no nodes available to schedule pods");

        recorder.log().clear();
        handlers.onPodAdd(pod("leaving", Map.of()).editMetadata().withDeletionTimestamp("2021-09-15T11:13:20Z")
                .endMetadata().build());
        runOnce();
        assertThat(recorder.log().lines()).containsExactly(
                "Warning FailedScheduling skip schedule deleting pod: default/leaving");
    }

    @Test
    void assumed_pods_take_room_before_their_binding_is_confirmed() {
        setUp(VersionProfile.V1_32);
        handlers.onNodeAdd(node("small", Map.of()).build());
        handlers.onPodAdd(pod("first", Map.of("cpu", "3")).build());
        handlers.onPodAdd(pod("second", Map.of("cpu", "3")).build());
        runOnce();
        runOnce();
        assertThat(bindings).containsExactly("default/first -> small");
        assertThat(recorder.log().lines()).last().asString().startsWith(
                "Warning FailedScheduling 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are "
                        + "available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void pods_for_other_schedulers_are_left_alone() {
        setUp(VersionProfile.V1_32);
        handlers.onPodAdd(pod("other", Map.of()).editSpec().withSchedulerName("my-scheduler").endSpec().build());
        handlers.onPodAdd(pod("unnamed", Map.of()).editSpec().withSchedulerName(null).endSpec().build());
        assertThat(queue.locate("default/other")).isEqualTo(Location.ABSENT);
        assertThat(queue.locate("default/unnamed")).isEqualTo(Location.ACTIVE);
    }
}
