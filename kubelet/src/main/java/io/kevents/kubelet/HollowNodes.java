package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.kubelet.api.ApiWriter;
import io.kevents.kubelet.api.Fabric8NodeApi;
import io.kevents.kubelet.api.Fabric8StatusSink;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.kubelet.source.BoundPodSource;
import io.kevents.kubelet.source.ConfigMapCache;
import io.kevents.recorder.CloseReport;
import io.kevents.recorder.LegacyEventBroadcaster;
import io.kevents.recorder.LegacyEventRecorder;
import io.kevents.recorder.PipelineSettings;
import io.kevents.recorder.correlator.CorrelatorOptions;
import io.kevents.recorder.sink.Fabric8LegacyEventSink;
import io.kevents.recorder.sink.PatchFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hollow kubelets: simulated nodes that register with the API server, heartbeat, and run the pods bound to them
 * without containers, recording the kubelet's events. Hundreds share one JVM: there is no thread per node or pod,
 * only the injected clock's timers, one informer on bound pods, one on configmaps, one event broadcaster (a
 * recorder per node, {@code source: kubelet/<node>}) and a few API writer threads.
 *
 * <pre>{@code
 * HollowNodesConfig config = SeedCluster.config(clock);               // v1.20 texts, the seed's images
 * try (HollowNodes nodes = HollowNodes.start(client, config, SeedCluster.nodes(0))) {
 *     nodes.awaitRegistered(Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 */
public final class HollowNodes implements AutoCloseable {

    private final Map<String, HollowKubelet> kubelets;
    private final LegacyEventBroadcaster broadcaster;
    private final ApiWriter writer;
    private final ConfigMapCache configMaps;
    private volatile BoundPodSource pods;

    private HollowNodes(Map<String, HollowKubelet> kubelets, LegacyEventBroadcaster broadcaster, ApiWriter writer,
                        ConfigMapCache configMaps) {
        this.kubelets = kubelets;
        this.broadcaster = broadcaster;
        this.writer = writer;
        this.configMaps = configMaps;
    }

    /**
     * Starts one hollow kubelet per spec: lists configmaps, records each node's {@code Starting}, registers the
     * Nodes (asynchronously, see {@link #awaitRegistered}), then starts watching bound pods. Pods already bound to
     * these nodes are run as by a restarted kubelet.
     *
     * @throws IllegalArgumentException if two specs share a name
     * @throws IllegalStateException    if the informers cannot list within the configured timeout
     */
    public static HollowNodes start(KubernetesClient client, HollowNodesConfig config, List<NodeSpec> nodes) {
        Map<String, NodeSpec> byName = new LinkedHashMap<>();
        for (NodeSpec spec : nodes) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("two hollow nodes named " + spec.name());
            }
        }
        // Before client-go v0.32 (so in the 1.20 kubelet) all of an object's events shared one spam budget.
        LegacyEventBroadcaster broadcaster = LegacyEventBroadcaster.create(
                PipelineSettings.defaults().withClock(config.clock()),
                config.correlator().withSpamKeyByType(config.profile().spamFilterKeysByType()));
        broadcaster.startRecordingToSink(new Fabric8LegacyEventSink(client, PatchFormat.STRATEGIC_MERGE));
        ApiWriter writer = new ApiWriter("kevents-kubelet-api", config.apiWriterThreads(), config.clock(),
                config.apiWriteAttempts());
        ConfigMapCache configMaps;
        try {
            configMaps = ConfigMapCache.start(client, config.startupTimeout());
        } catch (RuntimeException e) {
            writer.close(Duration.ZERO);
            broadcaster.close(Duration.ZERO);
            throw e;
        }
        Fabric8NodeApi nodeApi = new Fabric8NodeApi(client, writer);
        Fabric8StatusSink statuses = new Fabric8StatusSink(client, writer);
        Map<String, HollowKubelet> kubelets = new LinkedHashMap<>();
        for (NodeSpec spec : byName.values()) {
            LegacyEventRecorder recorder = broadcaster.newRecorder(new EventSource("kubelet", spec.name()));
            kubelets.put(spec.name(), new HollowKubelet(spec, config, recorder, nodeApi, statuses, configMaps,
                    statuses::deleteTerminated));
        }
        HollowNodes hollow = new HollowNodes(Map.copyOf(kubelets), broadcaster, writer, configMaps);
        kubelets.values().forEach(HollowKubelet::start);
        try {
            hollow.pods = BoundPodSource.start(client, hollow.new Dispatcher(), config.startupTimeout());
        } catch (RuntimeException e) {
            hollow.close(Duration.ZERO);
            throw e;
        }
        return hollow;
    }

    /** Routes informer callbacks to the kubelet of the pod's node. */
    private final class Dispatcher implements BoundPodSource.Handler {

        @Override
        public boolean manages(String nodeName) {
            return nodeName != null && kubelets.containsKey(nodeName);
        }

        @Override
        public void added(Pod pod) {
            kubelets.get(pod.getSpec().getNodeName()).added(pod);
        }

        @Override
        public void updated(Pod pod) {
            kubelets.get(pod.getSpec().getNodeName()).updated(pod);
        }

        @Override
        public void deleted(Pod pod) {
            kubelets.get(pod.getSpec().getNodeName()).deleted(pod);
        }
    }

    /** The names of the hollow nodes, in the order given. */
    public List<String> nodeNames() {
        return new ArrayList<>(kubelets.keySet());
    }

    /** How many pods the node runs now (0 for unknown nodes). */
    public int podCount(String nodeName) {
        HollowKubelet kubelet = kubelets.get(nodeName);
        return kubelet == null ? 0 : kubelet.podCount();
    }

    /**
     * Whether the hollow nodes' configmap informer has seen {@code namespace/name} (a mount retried after this
     * finds it).
     */
    public boolean seesConfigMap(String namespace, String name) {
        return configMaps.exists(namespace, name);
    }

    /**
     * Waits until every Node is registered.
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean awaitRegistered(Duration timeout) {
        CompletableFuture<?>[] all = kubelets.values().stream().map(HollowKubelet::registered)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Waits until the events recorded so far and the API writes queued so far are written (writes waiting for a
     * retry timer excepted from neither: with a manual clock, advance it).
     *
     * @return {@code false} if {@code timeout} passed first
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return broadcaster.flush(timeout)
                && writer.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Stops the kubelets (timers, informers), then writes what is pending within {@code timeout}. Nodes, leases
     * and pods stay in the API server, as when kubelets stop; the Nodes' leases then expire.
     *
     * @return what the event pipeline could not deliver
     */
    public CloseReport close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        BoundPodSource source = pods;
        if (source != null) {
            source.close();
        }
        configMaps.close();
        kubelets.values().forEach(HollowKubelet::close);
        CloseReport report = broadcaster.close(timeout);
        writer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return report;
    }

    /** {@link #close(Duration)} with ten seconds. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
