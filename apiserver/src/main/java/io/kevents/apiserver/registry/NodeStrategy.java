package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException.Cause;
import io.kevents.apiserver.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Nodes (cluster-scoped, with a status subresource). */
public final class NodeStrategy implements ResourceStrategy {

    private static final Set<String> FIELD_LABELS = Set.of("metadata.name", "spec.unschedulable");

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    public List<Cause> validate(ObjectNode node, ObjectNode old, ResourceType served) {
        return List.of();
    }

    @Override
    public Map<String, String> fields(ObjectNode node) {
        Map<String, String> fields = CommonFields.metadata(node);
        fields.put("spec.unschedulable", Boolean.toString(node.path("spec").path("unschedulable").asBoolean(false)));
        return fields;
    }

    @Override
    public Set<String> fieldLabels() {
        return FIELD_LABELS;
    }

    private static final java.util.List<String> NODE_INFO_FIELDS = java.util.List.of("machineID", "systemUUID",
            "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion",
            "operatingSystem", "architecture");

    /** nodeInfo's strings are always written by Kubernetes, empty or not; strict clients require them. */
    @Override
    public ObjectNode toServed(ObjectNode stored, ResourceType served) {
        if (!(stored.path("status").get("nodeInfo") instanceof ObjectNode)) {
            return stored;
        }
        ObjectNode node = stored.deepCopy();
        ObjectNode info = (ObjectNode) node.path("status").get("nodeInfo");
        for (String field : NODE_INFO_FIELDS) {
            if (!info.has(field) || info.get(field).isNull()) {
                info.put(field, "");
            }
        }
        return node;
    }

    /** The node's status.phase is not used by Kubernetes any more; nothing to default. */
    @Override
    public void prepareForCreate(ObjectNode node) {
        Json.objectAt(node, "spec");
    }
}
