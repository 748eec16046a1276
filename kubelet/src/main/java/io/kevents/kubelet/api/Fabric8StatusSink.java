package io.kevents.kubelet.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kevents.kubelet.status.StatusSink;
import java.util.Map;

/**
 * Pod statuses to {@code pods/status} as JSON merge patches of the whole status: lists (conditions, container
 * statuses) are replaced, fields the kubelet does not own (qosClass) stay. A status queued for a pod replaces the
 * one still waiting; a pod deleted meanwhile is skipped (404).
 */
public final class Fabric8StatusSink implements StatusSink {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;
    private final ApiWriter writer;

    /** Statuses to {@code client}, sent by {@code writer}. */
    public Fabric8StatusSink(KubernetesClient client, ApiWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    @Override
    public void write(Pod pod, PodStatus status) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String body = client.getKubernetesSerialization().asJson(Map.of("status", status));
        writer.submit("pod-status/" + namespace + "/" + name, () -> Fabric8Calls.run(() -> client.pods()
                .inNamespace(namespace).withName(name).subresource("status").patch(MERGE, body)));
    }

    /** Finishes a graceful deletion: the kubelet deletes the pod with grace period 0 once its containers stopped. */
    public void deleteTerminated(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        writer.submit("pod-delete/" + namespace + "/" + name, () -> Fabric8Calls.run(() -> client.pods()
                .inNamespace(namespace).withName(name).withGracePeriod(0).delete()));
    }
}
