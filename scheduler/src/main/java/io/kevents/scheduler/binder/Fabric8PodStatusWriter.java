package io.kevents.scheduler.binder;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kevents.model.KubeTime;
import io.kevents.scheduler.framework.PodInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Patches {@code pods/<name>/status} with a strategic merge patch on {@code status.conditions} (merged by
 * {@code type}), as kube-scheduler does, so the pod's other conditions stay as they are.
 */
public final class Fabric8PodStatusWriter implements PodStatusWriter {

    private static final String STRATEGIC_MERGE = "application/strategic-merge-patch+json";

    private final Fabric8Api api;

    /** A writer on {@code client} with at most {@code maxInFlight} writes outstanding. */
    public Fabric8PodStatusWriter(KubernetesClient client, int maxInFlight) {
        this.api = new Fabric8Api(client, maxInFlight);
    }

    @Override
    public CompletionStage<ApiResult> setUnschedulable(PodInfo pod, String reason, String message,
                                                       Instant lastTransitionTime) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.put("lastProbeTime", null);
        condition.put("lastTransitionTime", KubeTime.formatTime(lastTransitionTime));
        condition.put("reason", reason);
        condition.put("message", message);
        List<Object> conditions = new ArrayList<>();
        conditions.add(condition);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", conditions);
        String body = api.serialization().asJson(Map.of("status", status));
        String path = "api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/status";
        return api.send("PATCH", path, STRATEGIC_MERGE, body);
    }
}
