package io.kevents.scheduler.queue;

import static io.kevents.scheduler.testing.Objects.info;
import static io.kevents.scheduler.testing.Objects.node;
import static io.kevents.scheduler.testing.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kevents.scheduler.framework.ClusterEvent;
import io.kevents.scheduler.framework.ClusterEventType;
import io.kevents.scheduler.framework.PodInfo;
import io.kevents.scheduler.plugins.DefaultPlugins;
import io.kevents.scheduler.profile.VersionProfile;
import io.kevents.scheduler.queue.SchedulingQueue.Location;
import io.kevents.scheduler.testing.Objects;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {

    private static final String SEED = "default/nginx-pod-failed-to-scheduler";
    private static final Set<String> AFFINITY = Set.of("NodeAffinity");

    private final ManualClock clock = new ManualClock();

    @Test
    void backoff_doubles_from_one_second_up_to_ten() {
        List<Duration> waits = new ArrayList<>();
        for (int attempts = 1; attempts <= 6; attempts++) {
            waits.add(Backoff.DEFAULT.after(attempts));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(Backoff.DEFAULT.after(0)).isZero();
        assertThat(Backoff.DEFAULT.after(1000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_failing_pod_waits_out_each_backoff_in_the_queue() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        List<Long> waited = new ArrayList<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            QueuedPodInfo popped = queue.tryPop().orElseThrow();
            assertThat(popped.attempts()).isEqualTo(attempt);
            queue.addBackoff(popped);
            assertThat(queue.locate(SEED)).isEqualTo(Location.BACKOFF);
            long start = clock.nanoTime();
            // Step in 100 ms until a flush moves it.
            while (queue.locate(SEED) == Location.BACKOFF) {
                clock.advance(Duration.ofMillis(100));
                queue.flushBackoffCompleted();
            }
            waited.add(Duration.ofNanos(clock.nanoTime() - start).toMillis());
        }
        assertThat(waited).containsExactly(1000L, 2000L, 4000L, 8000L, 10000L, 10000L);
    }

    @Test
    void the_periodic_flush_moves_expired_backoff_every_second() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.start();
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addBackoff(queue.tryPop().orElseThrow());
        clock.advance(Duration.ofMillis(999));
        assertThat(queue.locate(SEED)).isEqualTo(Location.BACKOFF);
        clock.advance(Duration.ofMillis(1));
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
    }

    @Test
    void a_node_label_change_moves_unschedulable_pods_v1_20() {
        SchedulingQueue queue = queue(VersionProfile.V1_20);
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addUnschedulable(queue.tryPop().orElseThrow(), AFFINITY);
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);

        // v1.20 moves every unschedulable pod on any scheduling-relevant node change.
        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_LABEL_CHANGE),
                info(node("k8s-node01", Map.of("other", "x")))));
        assertThat(queue.locate(SEED)).isEqualTo(Location.BACKOFF);
        clock.advance(Duration.ofSeconds(1));
        queue.flushBackoffCompleted();
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
    }

    @Test
    void a_node_label_change_moves_only_pods_it_helps_v1_32() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addUnschedulable(queue.tryPop().orElseThrow(), AFFINITY);
        clock.advance(Duration.ofSeconds(3));

        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_LABEL_CHANGE),
                info(node("k8s-node01", Map.of("other", "x")))));
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_TAINT_CHANGE),
                info(node("k8s-node01", Map.of("disktype", "ssd")))));
        assertThat(queue.locate(SEED)).as("NodeAffinity did not register for taint changes")
                .isEqualTo(Location.UNSCHEDULABLE);

        // kubectl label nodes k8s-node01 disktype=ssd; the 1 s back-off is over, so straight to active.
        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_LABEL_CHANGE),
                info(node("k8s-node01", Map.of("disktype", "ssd")))));
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
    }

    @Test
    void unschedulable_pods_are_flushed_after_60_seconds_in_v1_20() {
        SchedulingQueue queue = queue(VersionProfile.V1_20);
        queue.start();
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addUnschedulable(queue.tryPop().orElseThrow(), AFFINITY);
        clock.advance(Duration.ofSeconds(60));
        // The 30 s ticks at 30 s and 60 s found it not yet older than 60 s.
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
    }

    @Test
    void unschedulable_pods_are_flushed_after_5_minutes_in_v1_32() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.start();
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addUnschedulable(queue.tryPop().orElseThrow(), AFFINITY);
        clock.advance(Duration.ofSeconds(300));
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
    }

    @Test
    void an_event_during_the_attempt_sends_the_rejected_pod_to_backoff() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        QueuedPodInfo popped = queue.tryPop().orElseThrow();
        assertThat(queue.locate(SEED)).isEqualTo(Location.IN_FLIGHT);
        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_LABEL_CHANGE),
                info(node("k8s-node01", Map.of("disktype", "ssd")))));
        queue.addUnschedulable(popped, AFFINITY);
        assertThat(queue.locate(SEED)).isEqualTo(Location.BACKOFF);
    }

    @Test
    void an_unhelpful_event_during_the_attempt_changes_nothing() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        QueuedPodInfo popped = queue.tryPop().orElseThrow();
        queue.onClusterEvent(ClusterEvent.nodeUpdated(Set.of(ClusterEventType.NODE_ALLOCATABLE_CHANGE),
                info(node("k8s-node01", Map.of()))));
        queue.addUnschedulable(popped, AFFINITY);
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
    }

    @Test
    void higher_priority_first_then_first_come() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(info(pod("low-1", Map.of())));
        clock.advance(Duration.ofMillis(1));
        queue.add(info(pod("high", Map.of()).editSpec().withPriority(1000).endSpec()));
        clock.advance(Duration.ofMillis(1));
        queue.add(info(pod("low-2", Map.of())));
        List<String> order = new ArrayList<>();
        queue.tryPop().ifPresent(p -> order.add(p.pod().name()));
        queue.tryPop().ifPresent(p -> order.add(p.pod().name()));
        queue.tryPop().ifPresent(p -> order.add(p.pod().name()));
        assertThat(order).containsExactly("high", "low-1", "low-2");
        assertThat(queue.tryPop()).isEmpty();
    }

    @Test
    void spec_changes_retry_an_unschedulable_pod_and_status_changes_do_not() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        queue.addUnschedulable(queue.tryPop().orElseThrow(), AFFINITY);
        clock.advance(Duration.ofSeconds(2));
        PodBuilder withCondition = new PodBuilder(Objects.seedPod()).withNewStatus().addNewCondition()
                .withType("PodScheduled").withStatus("False").endCondition().endStatus();
        queue.update(PodInfo.from(withCondition.build()));
        assertThat(queue.locate(SEED)).isEqualTo(Location.UNSCHEDULABLE);
        PodBuilder relabelled = new PodBuilder(Objects.seedPod()).editSpec().withNodeSelector(Map.of()).endSpec();
        queue.update(PodInfo.from(relabelled.build()));
        assertThat(queue.locate(SEED)).isEqualTo(Location.ACTIVE);
        assertThat(queue.tryPop().orElseThrow().pod().nodeRequirement().isEmpty()).isTrue();
    }

    @Test
    void a_pod_deleted_during_its_attempt_is_dropped() {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        queue.add(PodInfo.from(Objects.seedPod()));
        QueuedPodInfo popped = queue.tryPop().orElseThrow();
        queue.delete(SEED);
        queue.addUnschedulable(popped, AFFINITY);
        assertThat(queue.locate(SEED)).isEqualTo(Location.ABSENT);
    }

    @Test
    void pop_waits_for_a_pod_and_close_wakes_it() throws InterruptedException {
        SchedulingQueue queue = queue(VersionProfile.V1_32);
        assertThat(queue.pop(Duration.ofMillis(20))).isEmpty();
        queue.add(PodInfo.from(Objects.seedPod()));
        assertThat(queue.pop(Duration.ofSeconds(1))).isPresent();
        queue.close();
        assertThat(queue.pop()).isEmpty();
    }

    private SchedulingQueue queue(VersionProfile profile) {
        return new SchedulingQueue(clock, Backoff.DEFAULT, profile.maxUnschedulableAge(),
                QueueingPolicy.of(profile.queueing(), DefaultPlugins.framework(profile)));
    }
}
