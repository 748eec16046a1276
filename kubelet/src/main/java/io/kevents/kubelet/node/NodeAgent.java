package io.kevents.kubelet.node;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kevents.kubelet.event.KubeletEvents;
import io.kevents.kubelet.event.ObjectRefs;
import io.kevents.kubelet.image.ImageStore;
import io.kevents.kubelet.loop.NodeLoop;
import io.kevents.kubelet.profile.VersionProfile;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The node side of one hollow kubelet: the birth cry ({@code Starting}), registration with the condition events
 * the kubelet's status setters record ({@code NodeHasSufficientMemory}, {@code NodeHasNoDiskPressure},
 * {@code NodeHasSufficientPID}), {@code NodeAllocatableEnforced} from the container manager, the transition to
 * Ready ({@code NodeReady}), then heartbeats: the lease every 10 s and the status when it changed or every 5 min.
 * Every method except {@link #registered()} runs under the node's lock.
 */
public final class NodeAgent {

    private final NodeSpec spec;
    private final VersionProfile profile;
    private final NodeLoop loop;
    private final KubeletEvents events;
    private final NodeApi api;
    private final ImageStore images;
    private final NodeTimings timings;
    private final ObjectReference ref;
    private final CompletableFuture<String> registered = new CompletableFuture<>();

    private boolean ready;
    private String uid;
    private NodeStatus lastStatus;
    private long lastReportNanos;

    /** The agent of node {@code spec}, on the node's loop, reporting through {@code api}. */
    public NodeAgent(NodeSpec spec, VersionProfile profile, NodeLoop loop, KubeletEvents events, NodeApi api,
                     ImageStore images, NodeTimings timings) {
        this.spec = spec;
        this.profile = profile;
        this.loop = loop;
        this.events = events;
        this.api = api;
        this.images = images;
        this.timings = timings;
        this.ref = ObjectRefs.node(spec.name());
    }

    /** Starts the kubelet: birth cry and registration. */
    public void start() {
        events.starting(ref);
        NodeStatus status = status();
        lastStatus = status;
        events.nodeStatus(ref, "NodeHasSufficientMemory");
        events.nodeStatus(ref, "NodeHasNoDiskPressure");
        events.nodeStatus(ref, "NodeHasSufficientPID");
        api.register(NodeObjects.node(spec, profile, status), nodeUid -> loop.run(() -> onRegistered(nodeUid)));
    }

    /** Completes with the Node's uid once registered. */
    public CompletableFuture<String> registered() {
        return registered;
    }

    private void onRegistered(String nodeUid) {
        uid = nodeUid;
        lastReportNanos = loop.nanoTime();
        events.allocatableEnforced(ref);
        renewLease();
        loop.schedule(timings.readyAfter(), () -> {
            ready = true;
            report(true);
            events.nodeStatus(ref, "NodeReady");
        });
        loop.schedule(timings.statusUpdateFrequency(), this::statusTick);
        registered.complete(nodeUid);
    }

    private void renewLease() {
        api.renewLease(NodeObjects.lease(spec.name(), uid, (int) timings.leaseDuration().toSeconds(), loop.now()));
        loop.schedule(timings.leaseRenewInterval(), this::renewLease);
    }

    /** Every 10 s: write the status if it changed (new images) or the 5-minute report is due. */
    private void statusTick() {
        boolean due = loop.nanoTime() - lastReportNanos >= timings.statusReportFrequency().toNanos();
        List<ContainerImage> current = images.nodeImages();
        report(due || !current.equals(lastStatus.getImages()));
        loop.schedule(timings.statusUpdateFrequency(), this::statusTick);
    }

    private void report(boolean write) {
        if (!write) {
            return;
        }
        lastStatus = status();
        lastReportNanos = loop.nanoTime();
        api.updateStatus(spec.name(), lastStatus);
    }

    private NodeStatus status() {
        return NodeObjects.status(spec, profile, NodeObjects.Condition.healthy(ready), lastStatus,
                images.nodeImages(), loop.now());
    }
}
