package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException.Cause;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kinds without rules of their own (configmaps, leases): any content, selectable by name and namespace, deleted
 * with a Success Status.
 */
public final class PlainStrategy implements ResourceStrategy {

    private static final Set<String> FIELD_LABELS = Set.of("metadata.name", "metadata.namespace");

    @Override
    public List<Cause> validate(ObjectNode object, ObjectNode old, ResourceType served) {
        return List.of();
    }

    @Override
    public Map<String, String> fields(ObjectNode object) {
        return CommonFields.metadata(object);
    }

    @Override
    public Set<String> fieldLabels() {
        return FIELD_LABELS;
    }

    @Override
    public boolean returnsDeletedObject() {
        return false;
    }
}
