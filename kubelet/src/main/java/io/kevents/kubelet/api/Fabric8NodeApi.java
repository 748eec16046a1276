package io.kevents.kubelet.api;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kevents.kubelet.node.NodeApi;
import io.kevents.model.KubeTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link NodeApi} over fabric8, through the shared {@link ApiWriter}: POST the Node (on 409 take the existing one
 * over: its labels get the kubelet's, its status ours), merge-patch {@code nodes/status}, merge-patch the lease's
 * spec (creating the lease on 404).
 */
public final class Fabric8NodeApi implements NodeApi {

    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;
    private final ApiWriter writer;

    /** Node calls on {@code client}, sent by {@code writer}. */
    public Fabric8NodeApi(KubernetesClient client, ApiWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    @Override
    public void register(Node node, Consumer<String> registered) {
        String name = node.getMetadata().getName();
        writer.submit("node-registration/" + name, () -> {
            try {
                Node created = client.nodes().resource(node).create();
                registered.accept(created.getMetadata().getUid());
                return WriteResult.DONE;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    return Fabric8Calls.classify(e);
                }
            }
            return takeOver(node, registered);
        });
    }

    /** A kubelet restarting on an existing Node reconciles its labels and posts a fresh status. */
    private WriteResult takeOver(Node node, Consumer<String> registered) {
        String name = node.getMetadata().getName();
        try {
            Map<String, Object> labels = Map.of("metadata", Map.of("labels", node.getMetadata().getLabels()));
            Node existing = client.nodes().withName(name).patch(MERGE, json(labels));
            client.nodes().withName(name).subresource("status").patch(MERGE,
                    json(Map.of("status", node.getStatus())));
            registered.accept(existing.getMetadata().getUid());
            return WriteResult.DONE;
        } catch (KubernetesClientException e) {
            return Fabric8Calls.classify(e);
        }
    }

    @Override
    public void updateStatus(String nodeName, NodeStatus status) {
        String body = json(Map.of("status", status));
        writer.submit("node-status/" + nodeName, () -> Fabric8Calls.run(() -> client.nodes().withName(nodeName)
                .subresource("status").patch(MERGE, body)));
    }

    @Override
    public void renewLease(Lease lease) {
        String name = lease.getMetadata().getName();
        String namespace = lease.getMetadata().getNamespace();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("holderIdentity", lease.getSpec().getHolderIdentity());
        spec.put("leaseDurationSeconds", lease.getSpec().getLeaseDurationSeconds());
        spec.put("renewTime", KubeTime.formatMicroTime(lease.getSpec().getRenewTime().toInstant()));
        String body = json(Map.of("spec", spec));
        writer.submit("lease/" + name, () -> {
            WriteResult renewed = Fabric8Calls.run(() -> client.leases().inNamespace(namespace).withName(name)
                    .patch(MERGE, body));
            if (renewed != WriteResult.GONE) {
                return renewed;
            }
            return Fabric8Calls.run(() -> client.leases().inNamespace(namespace).resource(lease).create());
        });
    }

    private String json(Object value) {
        return client.getKubernetesSerialization().asJson(value);
    }
}
