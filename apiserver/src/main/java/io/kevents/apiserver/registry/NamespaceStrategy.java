package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException.Cause;
import io.kevents.apiserver.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** Namespaces: phase Active, the {@code kubernetes} finalizer and the {@code kubernetes.io/metadata.name} label. */
public final class NamespaceStrategy implements ResourceStrategy {

    /** Namespaces every cluster has, which cannot be deleted. */
    public static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");
    private static final Set<String> FIELD_LABELS = Set.of("metadata.name", "status.phase");

    @Override
    public void prepareForCreate(ObjectNode namespace) {
        String name = Json.text(namespace, "metadata.name");
        Json.objectAt(Json.objectAt(namespace, "metadata"), "labels").put("kubernetes.io/metadata.name", name);
        Json.objectAt(namespace, "spec").putArray("finalizers").add("kubernetes");
        Json.objectAt(namespace, "status").put("phase", "Active");
    }

    @Override
    public boolean hasStatus() {
        return true;
    }

    @Override
    public List<Cause> validate(ObjectNode namespace, ObjectNode old, ResourceType served) {
        String name = CommonFields.nullToEmpty(Json.text(namespace, "metadata.name"));
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || name.length() > 63) {
            return List.of(new Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": a lowercase RFC 1123 "
                    + "label must consist of lower case alphanumeric characters or '-', and must start and end with "
                    + "an alphanumeric character", "metadata.name"));
        }
        return List.of();
    }

    @Override
    public Map<String, String> fields(ObjectNode namespace) {
        Map<String, String> fields = CommonFields.metadata(namespace);
        fields.put("status.phase", CommonFields.nullToEmpty(Json.text(namespace, "status.phase")));
        return fields;
    }

    @Override
    public Set<String> fieldLabels() {
        return FIELD_LABELS;
    }
}
