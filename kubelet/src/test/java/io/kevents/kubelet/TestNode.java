package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kevents.kubelet.loop.JitterPolicy;
import io.kevents.kubelet.node.NodeApi;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.kubelet.status.StatusSink;
import io.kevents.model.KubeTime;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One hollow kubelet wired to fakes instead of an API server: a {@link ManualClock} (time 0 is the seed's pod start),
 * a recorder that keeps every event with its time, statuses kept in a list, configmaps in a set. Timers run when
 * the test advances the clock, so every sequence is exact.
 */
final class TestNode {

    static final Instant START = Instant.parse("2021-09-15T11:13:20Z");

    final ManualClock clock;
    final RecordingRecorder events;
    final List<PodStatus> statuses = new ArrayList<>();
    final List<Instant> statusTimes = new ArrayList<>();
    final List<NodeStatus> nodeStatuses = new ArrayList<>();
    final List<Lease> leases = new ArrayList<>();
    final List<Node> registered = new ArrayList<>();
    final List<Pod> deleted = new ArrayList<>();
    final Set<String> configMaps = ConcurrentHashMap.newKeySet();
    final HollowKubelet kubelet;
    final HollowNodesConfig config;

    TestNode(VersionProfile profile) {
        this(profile, c -> c, NodeSpec.worker("k8s-node01", "172.20.70.215", "10.100.85.192/26"),
                recorder -> recorder);
    }

    TestNode(VersionProfile profile, Function<HollowNodesConfig, HollowNodesConfig> configure, NodeSpec spec,
             Function<LegacyEventRecorder, LegacyEventRecorder> wrap) {
        this(new ManualClock(START), profile, configure, spec, wrap);
    }

    /** A node on {@code clock}, whose events go to {@code wrap} applied to the recording recorder. */
    TestNode(ManualClock clock, VersionProfile profile, Function<HollowNodesConfig, HollowNodesConfig> configure,
             NodeSpec spec, Function<LegacyEventRecorder, LegacyEventRecorder> wrap) {
        this.clock = clock;
        this.events = new RecordingRecorder(clock);
        this.config = configure.apply(SeedCluster.config(clock).withProfile(profile)
                .withJitter(JitterPolicy.fixed(0.5)));
        StatusSink sink = (pod, status) -> {
            synchronized (statuses) {
                statuses.add(status);
                statusTimes.add(clock.now());
            }
        };
        this.kubelet = new HollowKubelet(spec, config, wrap.apply(events), new FakeNodeApi(), sink,
                (namespace, name) -> configMaps.contains(namespace + "/" + name), deleted::add);
    }

    /** Binds {@code pod} to this node now (as the informer would deliver it). */
    Pod bind(Pod pod) {
        Pod bound = new PodBuilder(pod).editOrNewMetadata()
                .withUid(pod.getMetadata().getUid() != null ? pod.getMetadata().getUid() : UUID.randomUUID().toString())
                .withNamespace(pod.getMetadata().getNamespace() != null ? pod.getMetadata().getNamespace() : "default")
                .withResourceVersion("1").withCreationTimestamp(KubeTime.formatTime(clock.now()))
                .endMetadata().editSpec().withNodeName("k8s-node01").endSpec().build();
        kubelet.added(bound);
        return bound;
    }

    /** Moves the clock to {@code seconds} after the start, running timers on the way. */
    void advanceTo(double seconds) {
        Duration target = Duration.ofMillis(Math.round(seconds * 1000));
        Duration now = Duration.between(START, clock.now());
        if (target.compareTo(now) > 0) {
            clock.advance(target.minus(now));
        }
    }

    /** Events as {@code <seconds> <type> <reason> <message>}. */
    List<String> lines() {
        return events.calls().stream().map(c -> c.line(START)).toList();
    }

    /** Events about pod {@code name} (any container) as lines. */
    List<String> lines(String podName) {
        return events.calls().stream().filter(c -> podName.equals(c.object().getName())).map(c -> c.line(START))
                .toList();
    }

    /** The last status written. */
    PodStatus lastStatus() {
        synchronized (statuses) {
            return statuses.get(statuses.size() - 1);
        }
    }

    /** The waiting reason (or "Running") of the first container in each status written, with its time. */
    List<String> containerStates() {
        List<String> states = new ArrayList<>();
        synchronized (statuses) {
            for (int i = 0; i < statuses.size(); i++) {
                var state = statuses.get(i).getContainerStatuses().get(0).getState();
                String what = state.getRunning() != null ? "Running" : state.getWaiting().getReason();
                long seconds = Duration.between(START, statusTimes.get(i)).toSeconds();
                states.add(seconds + " " + statuses.get(i).getPhase() + " " + what);
            }
        }
        return states;
    }

    private final class FakeNodeApi implements NodeApi {
        @Override
        public void register(Node node, Consumer<String> callback) {
            registered.add(node);
            callback.accept("uid-of-" + node.getMetadata().getName());
        }

        @Override
        public void updateStatus(String nodeName, NodeStatus status) {
            nodeStatuses.add(status);
        }

        @Override
        public void renewLease(Lease lease) {
            leases.add(lease);
        }
    }
}
