package io.kevents.kubelet.volume;

import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

/**
 * One volume of a pod as the hollow kubelet mounts it. Only configmap volumes can fail (until their configmap
 * exists); every other kind mounts at once (the API server serves no secrets or persistent volumes to check).
 *
 * @param name          the volume's name in the pod
 * @param configMapName the configmap it projects, or {@code null} for other kinds
 * @param optional      whether a missing configmap is allowed (it then mounts empty)
 */
public record PodVolume(String name, String configMapName, boolean optional) {

    /** The volumes of a pod spec, in spec order. */
    public static List<PodVolume> of(List<Volume> volumes) {
        List<PodVolume> result = new ArrayList<>();
        if (volumes == null) {
            return result;
        }
        for (Volume volume : volumes) {
            if (volume.getConfigMap() != null) {
                result.add(new PodVolume(volume.getName(), volume.getConfigMap().getName(),
                        Boolean.TRUE.equals(volume.getConfigMap().getOptional())));
            } else {
                result.add(new PodVolume(volume.getName(), null, true));
            }
        }
        return result;
    }

    /** Whether mounting needs a configmap that must exist. */
    public boolean needsConfigMap() {
        return configMapName != null && !optional;
    }
}
