package io.kevents.kubelet.volume;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.kubelet.event.KubeletEvents;
import io.kevents.kubelet.event.ObjectRefs;
import io.kevents.kubelet.loop.NodeLoop;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's volume manager: mounts each pod's volumes, and for a configmap volume whose configmap does not exist
 * records {@code FailedMount} ({@code MountVolume.SetUp failed for volume "nginx-conf" : configmap "nginx-configmap"
 * not found}) and retries with the operation executor's back-off (500 ms doubling to 2m2s). As in the kubelet, the
 * configmap appearing does not cut the back-off short: the next retry finds it. Not thread-safe: used under the
 * node's lock.
 */
public final class VolumeManager {

    private final NodeLoop loop;
    private final ConfigMapLookup configMaps;
    private final KubeletEvents events;
    private final Duration initialBackOff;
    private final Duration maxBackOff;
    private final Map<String, PodMounts> pods = new HashMap<>();

    /** Mount state of one pod. */
    private static final class PodMounts {
        Pod pod;
        final List<PodVolume> volumes;
        final Set<String> mounted = new HashSet<>();
        final Map<String, MountBackOff> backOffs = new HashMap<>();
        final Map<String, Clock.Timer> retries = new HashMap<>();
        final Runnable onAllMounted;

        PodMounts(Pod pod, List<PodVolume> volumes, Runnable onAllMounted) {
            this.pod = pod;
            this.volumes = volumes;
            this.onAllMounted = onAllMounted;
        }

        boolean allMounted() {
            return volumes.stream().allMatch(v -> mounted.contains(v.name()));
        }
    }

    /**
     * @param initialBackOff wait after a first failed mount (500 ms)
     * @param maxBackOff     longest wait between attempts (2m2s)
     */
    public VolumeManager(NodeLoop loop, ConfigMapLookup configMaps, KubeletEvents events, Duration initialBackOff,
                         Duration maxBackOff) {
        this.loop = loop;
        this.configMaps = configMaps;
        this.events = events;
        this.initialBackOff = initialBackOff;
        this.maxBackOff = maxBackOff;
    }

    /**
     * Starts mounting the volumes of a new pod now; {@code onAllMounted} runs (under the node's lock) when the last
     * one mounts later (the caller's first sync sees volumes that mount at once).
     */
    public void addPod(Pod pod, Runnable onAllMounted) {
        String uid = pod.getMetadata().getUid();
        PodMounts mounts = new PodMounts(pod, PodVolume.of(pod.getSpec().getVolumes()), onAllMounted);
        pods.put(uid, mounts);
        for (PodVolume volume : mounts.volumes) {
            attempt(uid, mounts, volume);
        }
    }

    /** Keeps the latest pod object (its resourceVersion goes into events). */
    public void updatePod(Pod pod) {
        PodMounts mounts = pods.get(pod.getMetadata().getUid());
        if (mounts != null) {
            mounts.pod = pod;
        }
    }

    /** Whether every volume of the pod is mounted. */
    public boolean allMounted(String uid) {
        PodMounts mounts = pods.get(uid);
        return mounts == null || mounts.allMounted();
    }

    /** The pod's volumes not mounted yet, in spec order. */
    public List<String> unmounted(String uid) {
        PodMounts mounts = pods.get(uid);
        List<String> names = new ArrayList<>();
        if (mounts != null) {
            for (PodVolume volume : mounts.volumes) {
                if (!mounts.mounted.contains(volume.name())) {
                    names.add(volume.name());
                }
            }
        }
        return names;
    }

    /** All the pod's volumes, in spec order. */
    public List<String> volumes(String uid) {
        PodMounts mounts = pods.get(uid);
        return mounts == null ? List.of() : mounts.volumes.stream().map(PodVolume::name).toList();
    }

    /** Stops retrying a deleted pod's mounts. */
    public void removePod(String uid) {
        PodMounts mounts = pods.remove(uid);
        if (mounts != null) {
            mounts.retries.values().forEach(Clock.Timer::cancel);
        }
    }

    private void attempt(String uid, PodMounts mounts, PodVolume volume) {
        mounts.retries.remove(volume.name());
        if (pods.get(uid) != mounts) {
            return;
        }
        if (!volume.needsConfigMap()
                || configMaps.exists(mounts.pod.getMetadata().getNamespace(), volume.configMapName())) {
            mounts.mounted.add(volume.name());
            return;
        }
        ObjectReference ref = ObjectRefs.pod(mounts.pod);
        events.mountSetUpFailed(ref, volume.name(), events.profile().configMapNotFound(volume.configMapName()));
        MountBackOff backOff = mounts.backOffs.get(volume.name());
        backOff = backOff == null ? MountBackOff.starting(initialBackOff, maxBackOff) : backOff.failedAgain();
        mounts.backOffs.put(volume.name(), backOff);
        mounts.retries.put(volume.name(), loop.schedule(backOff.next(), () -> {
            boolean before = mounts.allMounted();
            attempt(uid, mounts, volume);
            if (!before && mounts.allMounted() && pods.get(uid) == mounts) {
                mounts.onAllMounted.run();
            }
        }));
    }
}
