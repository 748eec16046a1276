package io.kevents.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kevents.kubelet.event.ObjectRefs;
import io.kevents.kubelet.image.ImageManager;
import io.kevents.kubelet.image.ImageReference;
import io.kevents.kubelet.status.ContainerView;
import io.kevents.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kubelet's pod worker for one pod, as a state machine on the node's timers instead of a goroutine.
 *
 * <p>A <em>sync</em> (the kubelet's {@code syncPod}) writes the status computed from what the previous sync left
 * (so the waiting reason lags one sync, as in the kubelet), waits for volumes, creates the sandbox, then starts each
 * container that is not running: the image manager decides (already present, pull, back-off, never-pull); a pull
 * keeps the sync going until the node's serial puller finishes it. A sync that failed to start any container is an
 * error, even when the only failure was a back-off, because the kubelet also counts the sandbox-config result
 * (kuberuntime {@code SyncPod}); an error requeues the pod after 10–15 s, a clean sync after 60–90 s. Requeues wait
 * for the sync loop's 1 s ticker.
 *
 * <p>Triggers that arrive while a sync runs (the PLEG noticing the new sandbox or a started container, a spec
 * update, the requeue) are kept as one pending update and start the next sync as soon as the current one ends
 * ({@code lastUndeliveredWorkUpdate}). That is why a pod whose first pull fails gets its first BackOff in the same
 * second as the first Failed: the sandbox created before the pull is seen by the PLEG during the pull.
 *
 * <p>Every method runs under the node's lock ({@link io.kevents.kubelet.loop.NodeLoop}).
 */
public final class PodWorker {

    private static final String CONTAINER_CREATING = "ContainerCreating";

    private final PodWorkerContext context;
    private final String uid;
    private Pod pod;

    private boolean working;
    private boolean pendingUpdate;
    private boolean killed;
    private Clock.Timer queued;
    private Clock.Timer mountDeadline;
    private Clock.Timer pullDone;
    private ImageManager.Pulling inFlightPull;
    private boolean waitingForMounts;
    private boolean syncFailed;
    private int nextContainer;

    private String podIp;
    private Instant startTime;
    private PodStatus lastStatus;
    private int syncs;
    /** Containers that run, by name. */
    private final Map<String, ContainerView.Running> running = new HashMap<>();
    /** Why each container failed to start in the last sync (the kubelet's reason cache). */
    private final Map<String, ContainerView.Waiting> reasons = new HashMap<>();

    /** A worker for a pod newly bound to this node; call {@link #start()} next. */
    public PodWorker(PodWorkerContext context, Pod pod) {
        this.context = context;
        this.pod = pod;
        this.uid = pod.getMetadata().getUid();
    }

    /** Starts mounting the pod's volumes and runs the first sync now. */
    public void start() {
        context.volumes().addPod(pod, this::onVolumesMounted);
        trigger();
    }

    /**
     * Takes a newer version of the pod. Only spec, label, annotation or deletion changes make the kubelet sync
     * ({@code podsDifferSemantically}); status changes, such as the kubelet's own status writes, do not.
     */
    public void update(Pod newer) {
        Pod before = pod;
        pod = newer;
        context.volumes().updatePod(newer);
        if (!Objects.equals(before.getSpec(), newer.getSpec())
                || !sameMap(before.getMetadata().getLabels(), newer.getMetadata().getLabels())
                || !sameMap(before.getMetadata().getAnnotations(), newer.getMetadata().getAnnotations())) {
            trigger();
        }
    }

    /** Missing and empty maps are the same (Go decodes both to a nil map); a spurious sync would change counts. */
    private static boolean sameMap(Map<String, String> a, Map<String, String> b) {
        return (a == null || a.isEmpty()) ? b == null || b.isEmpty() : a.equals(b);
    }

    /**
     * The pod is gone: records Killing for each running container, stops every timer and gives back the pod's
     * IP. The real kubelet stops the containers within the grace period; hollow ones stop at once.
     */
    public void kill() {
        if (killed) {
            return;
        }
        killed = true;
        cancel(queued);
        cancel(mountDeadline);
        cancel(pullDone);
        for (Container container : pod.getSpec().getContainers()) {
            if (running.containsKey(container.getName())) {
                context.events().killing(ObjectRefs.container(pod, container.getName()), container.getName());
            }
        }
        running.clear();
        context.volumes().removePod(uid);
        context.images().forgetPod(uid);
        context.network().release(podIp);
    }

    // ---------------------------------------------------------------- sync

    /** A reason to sync: runs one now, or after the current one ends. */
    private void trigger() {
        if (killed) {
            return;
        }
        if (working) {
            pendingUpdate = true;
            return;
        }
        beginSync();
    }

    private void beginSync() {
        working = true;
        syncs++;
        syncFailed = false;
        nextContainer = 0;
        if (startTime == null) {
            startTime = context.loop().now();
        }
        writeStatus();
        proceed();
    }

    /** Continues the current sync from where it waited. */
    private void proceed() {
        if (!context.volumes().allMounted(uid)) {
            if (!waitingForMounts) {
                waitingForMounts = true;
                mountDeadline = context.loop().schedule(context.timings().mountTimeout(), this::onMountTimeout);
            }
            return;
        }
        if (waitingForMounts) {
            waitingForMounts = false;
            cancel(mountDeadline);
        }
        if (podIp == null) {
            podIp = context.network().allocate();
            // The PLEG sees the new sandbox at its next relist and asks for a sync.
            notifyPleg();
        }
        startContainers();
    }

    private void startContainers() {
        List<Container> containers = pod.getSpec().getContainers();
        while (nextContainer < containers.size()) {
            Container container = containers.get(nextContainer);
            if (running.containsKey(container.getName())) {
                nextContainer++;
                continue;
            }
            ObjectReference ref = ObjectRefs.container(pod, container.getName());
            ImageManager.Outcome outcome = context.images().ensureImageExists(ref, uid, container,
                    context.loop().nanoTime());
            if (outcome instanceof ImageManager.Pulling pulling) {
                inFlightPull = pulling;
                long wait = pulling.pull().finishNanos() - context.loop().nanoTime();
                pullDone = context.loop().schedule(Duration.ofNanos(Math.max(0, wait)), this::onPullDone);
                return;
            }
            afterImage(container, ref, outcome);
            nextContainer++;
        }
        finishSync();
    }

    private void onPullDone() {
        pullDone = null;
        if (killed || inFlightPull == null) {
            return;
        }
        Container container = pod.getSpec().getContainers().get(nextContainer);
        ObjectReference ref = ObjectRefs.container(pod, container.getName());
        ImageManager.Outcome outcome = context.images().completePull(ref, inFlightPull, context.loop().nanoTime());
        inFlightPull = null;
        afterImage(container, ref, outcome);
        nextContainer++;
        startContainers();
    }

    private void afterImage(Container container, ObjectReference ref, ImageManager.Outcome outcome) {
        if (outcome instanceof ImageManager.Available available) {
            createAndStart(container, ref, available.imageId());
        } else if (outcome instanceof ImageManager.Unavailable unavailable) {
            context.events().error(ref, unavailable.reason());
            reasons.put(container.getName(), new ContainerView.Waiting(unavailable.reason(), unavailable.message()));
            syncFailed = true;
        }
    }

    private void createAndStart(Container container, ObjectReference ref, String imageId) {
        context.events().created(ref, container.getName());
        context.events().started(ref, container.getName());
        String image = ImageReference.parse(container.getImage()).full();
        running.put(container.getName(), new ContainerView.Running(context.loop().now(), image, imageId,
                "containerd://" + containerId(container.getName())));
        reasons.remove(container.getName());
        notifyPleg();
    }

    private void onMountTimeout() {
        mountDeadline = null;
        if (killed || !working || !waitingForMounts) {
            return;
        }
        waitingForMounts = false;
        context.events().unableToMount(ObjectRefs.pod(pod), context.volumes().unmounted(uid),
                context.volumes().volumes(uid));
        syncFailed = true;
        finishSync();
    }

    private void onVolumesMounted() {
        if (!killed && working && waitingForMounts) {
            proceed();
        }
    }

    /** The pod worker's {@code wrapUp}: requeue, then take the pending update if there is one. */
    private void finishSync() {
        working = false;
        cancel(queued);
        Duration base = syncFailed ? context.timings().backOffPeriod() : context.timings().syncFrequency();
        Duration delay = context.loop().alignedToTick(context.jitter().apply(base, context.timings().jitterFactor()));
        queued = context.loop().schedule(delay, this::onQueued);
        if (pendingUpdate) {
            pendingUpdate = false;
            beginSync();
        }
    }

    private void onQueued() {
        queued = null;
        trigger();
    }

    /** A runtime change the PLEG reports at its next one-second relist. */
    private void notifyPleg() {
        context.loop().schedule(context.loop().alignedToTick(Duration.ofNanos(1)), this::trigger);
    }

    // ---------------------------------------------------------------- status

    private void writeStatus() {
        List<ContainerView> views = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            ContainerView.State state = running.get(container.getName());
            if (state == null) {
                state = reasons.getOrDefault(container.getName(),
                        new ContainerView.Waiting(CONTAINER_CREATING, null));
            }
            views.add(new ContainerView(container.getName(), container.getImage(), state));
        }
        PodStatus status = context.builder().build(pod, lastStatus, context.hostIp(), podIp, startTime, views,
                context.loop().now());
        if (!status.equals(lastStatus)) {
            lastStatus = status;
            context.statuses().write(pod, status);
        }
    }

    private String containerId(String containerName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((uid + "/" + containerName + "/" + syncs)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void cancel(Clock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
