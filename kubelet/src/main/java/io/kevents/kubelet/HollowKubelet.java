package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.kubelet.event.KubeletEvents;
import io.kevents.kubelet.image.ImageBackOff;
import io.kevents.kubelet.image.ImageManager;
import io.kevents.kubelet.image.ImagePuller;
import io.kevents.kubelet.image.ImageStore;
import io.kevents.kubelet.loop.NodeLoop;
import io.kevents.kubelet.node.NodeAgent;
import io.kevents.kubelet.node.NodeApi;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.kubelet.pod.PodNetwork;
import io.kevents.kubelet.pod.PodWorkerContext;
import io.kevents.kubelet.pod.PodWorkers;
import io.kevents.kubelet.status.PodStatusBuilder;
import io.kevents.kubelet.status.StatusSink;
import io.kevents.kubelet.volume.ConfigMapLookup;
import io.kevents.kubelet.volume.VolumeManager;
import io.kevents.recorder.LegacyEventRecorder;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One hollow kubelet: the node agent and the pod workers of one node, wired to the node's loop. Informer callbacks
 * enter through {@link #added}, {@link #updated} and {@link #deleted} and run under the node's lock.
 */
final class HollowKubelet {

    private final NodeLoop loop;
    private final NodeAgent agent;
    private final PodWorkers workers;
    private final Consumer<Pod> deleteTerminated;

    HollowKubelet(NodeSpec spec, HollowNodesConfig config, LegacyEventRecorder recorder, NodeApi nodeApi,
                  StatusSink statuses, ConfigMapLookup configMaps, Consumer<Pod> deleteTerminated) {
        KubeletTimings timings = config.timings();
        this.loop = new NodeLoop(spec.name(), config.clock(), timings.tick());
        KubeletEvents events = new KubeletEvents(recorder, config.profile());
        ImageStore images = new ImageStore(config.images());
        ImageManager imageManager = new ImageManager(config.images(), images, new ImagePuller(),
                new ImageBackOff(timings.imageBackOffInitial(), timings.imageBackOffMax()), events);
        VolumeManager volumes = new VolumeManager(loop, configMaps, events, timings.mountBackOffInitial(),
                timings.mountBackOffMax());
        PodWorkerContext context = new PodWorkerContext(loop, events, imageManager, volumes,
                new PodNetwork(spec.podCidr()), statuses, new PodStatusBuilder(config.profile()),
                config.jitter().forNode(spec.name()), timings.sync(), spec.internalIp());
        this.workers = new PodWorkers(context);
        this.agent = new NodeAgent(spec, config.profile(), loop, events, nodeApi, images, timings.node());
        this.deleteTerminated = deleteTerminated;
    }

    /** Records the birth cry and registers the node. */
    void start() {
        loop.run(agent::start);
    }

    /** Completes with the Node's uid once registered. */
    CompletableFuture<String> registered() {
        return agent.registered();
    }

    void added(Pod pod) {
        updated(pod);
    }

    void updated(Pod pod) {
        loop.run(() -> {
            if (workers.upsert(pod)) {
                deleteTerminated.accept(pod);
            }
        });
    }

    void deleted(Pod pod) {
        loop.run(() -> workers.delete(pod));
    }

    /** Pods this node runs. */
    int podCount() {
        int[] count = new int[1];
        loop.run(() -> count[0] = workers.size());
        return count[0];
    }

    /** Stops every timer; pods and the Node stay in the API server, as when a kubelet stops. */
    void close() {
        loop.close();
    }
}
