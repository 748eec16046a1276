package io.kevents.apiserver.patch;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * Which strategic-merge-patch schema applies to which kind. A kind it does not know gets
 * {@link TypeSchema#OPAQUE}: no merge keys anywhere, so every list is replaced, as in a JSON merge patch, while
 * directives are still understood.
 *
 * @param kinds the schema of each known kind, by API group and kind
 */
public record PatchSchema(Map<GroupKind, TypeSchema> kinds) {

    /**
     * An API group ({@code ""} for the core group) and a kind.
     *
     * @param group e.g. {@code events.k8s.io}, or {@code ""} for core/v1
     * @param kind  e.g. {@code Event}
     */
    public record GroupKind(String group, String kind) {
        public GroupKind {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(kind, "kind");
        }

        /** The group and kind of an {@code apiVersion} ({@code events.k8s.io/v1}, {@code v1}) and kind. */
        public static GroupKind of(String apiVersion, String kind) {
            return new GroupKind(groupOf(apiVersion), kind);
        }

        private static String groupOf(String apiVersion) {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }
    }

    public PatchSchema {
        kinds = Map.copyOf(kinds);
    }

    /**
     * The schemas of the kinds this server serves: core/v1 Pod, Node, Namespace, ConfigMap and Event,
     * events.k8s.io Event and coordination.k8s.io Lease (every version of those groups: their tags do not differ).
     */
    public static PatchSchema kubernetes() {
        return new PatchSchema(Map.of(
                new GroupKind("", "Pod"), KubernetesTypes.POD,
                new GroupKind("", "Node"), KubernetesTypes.NODE,
                new GroupKind("", "Namespace"), KubernetesTypes.NAMESPACE,
                new GroupKind("", "ConfigMap"), KubernetesTypes.CONFIG_MAP,
                new GroupKind("", "Event"), KubernetesTypes.CORE_EVENT,
                new GroupKind("events.k8s.io", "Event"), KubernetesTypes.EVENTS_EVENT,
                new GroupKind("coordination.k8s.io", "Lease"), KubernetesTypes.LEASE));
    }

    /**
     * The schema of {@code kind} in {@code apiVersion}'s group. Without an apiVersion ({@code null} or blank), the
     * kind alone decides, the core group first. Unknown kinds get {@link TypeSchema#OPAQUE}.
     */
    public TypeSchema forKind(String apiVersion, String kind) {
        if (kind == null) {
            return TypeSchema.OPAQUE;
        }
        if (apiVersion != null && !apiVersion.isBlank()) {
            return kinds.getOrDefault(GroupKind.of(apiVersion.trim(), kind), TypeSchema.OPAQUE);
        }
        return kinds.entrySet().stream()
                .filter(entry -> entry.getKey().kind().equals(kind))
                .min(Comparator.comparing(entry -> entry.getKey().group()))
                .map(Map.Entry::getValue)
                .orElse(TypeSchema.OPAQUE);
    }
}
