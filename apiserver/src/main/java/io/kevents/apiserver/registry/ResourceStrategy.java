package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.storage.Attributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between kinds of objects (kube-apiserver's per-resource "strategy"): defaults and admission on
 * create, validation, which fields can be selected, what storage should index, the TTL, and for events the
 * conversion between the stored version and another served version. Everything else (storage, resourceVersion,
 * selectors, paging, watch) is common and lives in {@link ResourceStore}.
 */
public interface ResourceStrategy {

    /** The stored form of an object received through {@code served} (events.k8s.io events become core/v1). */
    default ObjectNode toStored(ObjectNode given, ResourceType served) {
        return given;
    }

    /** The form served through {@code served} of a stored object (apiVersion and kind are set by the caller). */
    default ObjectNode toServed(ObjectNode stored, ResourceType served) {
        return stored;
    }

    /**
     * Brings what a client sent to the form the server keeps, as decoding into Kubernetes' types does (timestamps
     * to their precision, say). Runs on every create and update.
     */
    default void normalize(ObjectNode object) {
    }

    /** Sets defaults and applies admission to a new object (stored form). */
    default void prepareForCreate(ObjectNode object) {
    }

    /**
     * Carries over what an update must not change: for the main resource, the status; for the {@code status}
     * subresource, everything but the status. Other subresources (a pod's {@code binding}) change exactly what
     * their handler changed.
     */
    default void prepareForUpdate(ObjectNode updated, ObjectNode old, String subresource) {
        if (hasStatus() && (subresource == null || subresource.equals("status"))) {
            if ("status".equals(subresource)) {
                updated.set("spec", old.get("spec"));
                ObjectNode meta = (ObjectNode) updated.get("metadata");
                ObjectNode oldMeta = (ObjectNode) old.get("metadata");
                if (meta != null && oldMeta != null) {
                    for (String field : java.util.List.of("labels", "annotations")) {
                        if (oldMeta.has(field)) {
                            meta.set(field, oldMeta.get(field));
                        } else {
                            meta.remove(field);
                        }
                    }
                }
            } else if (old.has("status")) {
                updated.set("status", old.get("status"));
            } else {
                updated.remove("status");
            }
        }
    }

    /** Whether this kind has a status subresource (status is then ignored by main-resource updates). */
    default boolean hasStatus() {
        return false;
    }

    /**
     * Problems with {@code object} (stored form) created or updated through {@code served}; empty when valid.
     *
     * @param old the current object for updates, {@code null} for creates
     */
    List<ApiException.Cause> validate(ObjectNode object, ObjectNode old, ResourceType served);

    /** Field-selector values of an object (stored field names). */
    Map<String, String> fields(ObjectNode object);

    /** The stored field names that may be selected on. */
    Set<String> fieldLabels();

    /** Maps a field label of {@code served} to its stored name, or {@code null} when that version rejects it. */
    default String convertFieldLabel(String label, ResourceType served) {
        return label;
    }

    /** Attributes storage should index for {@code object} (none by default). */
    default Attributes indexAttributes(ObjectNode object) {
        return Attributes.NONE;
    }

    /** Index attributes a (converted) field selector pins down, for storage to narrow a list with. */
    default Map<String, String> indexHint(FieldSelector selector) {
        return Map.of();
    }

    /** How long objects live after their last write; {@link Duration#ZERO} for ever. */
    default Duration ttl() {
        return Duration.ZERO;
    }

    /** Whether PUT of a missing object creates it (events: yes). */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /** Whether DELETE answers with the deleted object (pods, nodes, namespaces) or a Success Status. */
    default boolean returnsDeletedObject() {
        return true;
    }

    /** Whether names must be DNS-1123 subdomains (most kinds) or only path-safe (core events). */
    default boolean requiresDnsSubdomainName(ResourceType served) {
        return true;
    }
}
