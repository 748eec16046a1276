package io.kevents.scheduler.binder;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.scheduler.framework.PodInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Binds through {@code POST /api/v1/namespaces/<ns>/pods/<name>/binding}, so that the API server (not the
 * scheduler) sets {@code spec.nodeName} and the {@code PodScheduled=True} condition. The binding names the pod's
 * uid, so a pod deleted and re-created under the same name is not bound by mistake.
 */
public final class Fabric8Binder implements Binder {

    private final Fabric8Api api;

    /** A binder on {@code client} with at most {@code maxInFlight} bindings outstanding. */
    public Fabric8Binder(KubernetesClient client, int maxInFlight) {
        this.api = new Fabric8Api(client, maxInFlight);
    }

    @Override
    public CompletionStage<ApiResult> bind(PodInfo pod, String nodeName) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", pod.name());
        metadata.put("namespace", pod.namespace());
        if (pod.uid() != null) {
            metadata.put("uid", pod.uid());
        }
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        binding.put("metadata", metadata);
        binding.put("target", Map.of("apiVersion", "v1", "kind", "Node", "name", nodeName));
        String path = "api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/binding";
        return api.send("POST", path, "application/json", api.serialization().asJson(binding));
    }
}
