package io.kevents.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Pods as the API server hands them to the kubelet (image pull policy defaulted). */
final class Pods {

    private Pods() {
    }

    /** A pod with one container. */
    static Pod pod(String name, String container, String image, String pullPolicy) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image)
                .withImagePullPolicy(pullPolicy).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").withQosClass("BestEffort").endStatus().build();
    }

    /** The seed's {@code nginx-pod-test}: an image that does not exist. */
    static Pod nginxPodTest() {
        return pod("nginx-pod-test", "nginx", "nginxa:1.8", "IfNotPresent");
    }

    /** The seed's {@code alpine01}: a configmap volume {@code nginx-conf} from {@code nginx-configmap}. */
    static Pod alpine01() {
        return new PodBuilder(pod("alpine01", "alpine", "alpine", "IfNotPresent")).editSpec()
                .editFirstContainer().addNewVolumeMount().withName("nginx-conf").withMountPath("/etc/nginx/conf.d")
                .endVolumeMount().endContainer()
                .addNewVolume().withName("nginx-conf").withNewConfigMap().withName("nginx-configmap").endConfigMap()
                .endVolume().endSpec().build();
    }
}
