package io.kevents.apiserver.patch;

import static io.kevents.apiserver.patch.FieldSchema.mergeByKey;
import static io.kevents.apiserver.patch.FieldSchema.mergePrimitives;

/**
 * The strategic-merge-patch schemas of the Kubernetes types this server serves, transcribed from the
 * {@code patchStrategy}/{@code patchMergeKey} struct tags of {@code k8s.io/api} ({@code core/v1/types.go},
 * {@code coordination/v1/types.go}, {@code events/v1/types.go}) and {@code k8s.io/apimachinery}
 * ({@code pkg/apis/meta/v1/types.go}). Only fields that carry a tag, or lead to one, are listed; everything else
 * merges maps and replaces lists.
 *
 * <p>Checked against upstream and deliberately absent (no tag there, so those lists are replaced whole):
 * {@code PodSpec.tolerations}, {@code PodSpec.readinessGates}, {@code Container.envFrom},
 * {@code Container.resizePolicy}, {@code PodStatus.containerStatuses} (and the init/ephemeral variants),
 * {@code NodeSpec.taints}, {@code NodeStatus.images}, {@code NodeStatus.volumesAttached},
 * {@code NamespaceSpec.finalizers}, {@code ObjectMeta.managedFields}, and every list of core/v1 {@code Event},
 * events.k8s.io/v1 {@code Event}, {@code ConfigMap} and coordination.k8s.io/v1 {@code Lease}.
 */
final class KubernetesTypes {

    /** meta/v1 ObjectMeta: ownerReferences merge by uid; finalizers merge as a set of strings. */
    static final TypeSchema OBJECT_META = TypeSchema.builder("ObjectMeta")
            .field("ownerReferences", mergeByKey("uid"))
            .field("finalizers", mergePrimitives())
            .build();

    /** The list fields Container and EphemeralContainerCommon share, with the same tags in both. */
    private static final TypeSchema CONTAINER_LISTS = TypeSchema.builder("ContainerLists")
            .field("ports", mergeByKey("containerPort"))
            .field("env", mergeByKey("name"))
            .field("volumeMounts", mergeByKey("mountPath"))
            .field("volumeDevices", mergeByKey("devicePath"))
            .build();

    static final TypeSchema CONTAINER = TypeSchema.builder("Container").inline(CONTAINER_LISTS).build();

    /** EphemeralContainer inlines EphemeralContainerCommon, whose list tags are Container's. */
    static final TypeSchema EPHEMERAL_CONTAINER = TypeSchema.builder("EphemeralContainer")
            .inline(CONTAINER_LISTS).build();

    /** An ephemeral volume's claim template carries an ObjectMeta of its own. */
    private static final TypeSchema PERSISTENT_VOLUME_CLAIM_TEMPLATE =
            TypeSchema.builder("PersistentVolumeClaimTemplate").field("metadata", OBJECT_META).build();

    private static final TypeSchema EPHEMERAL_VOLUME_SOURCE = TypeSchema.builder("EphemeralVolumeSource")
            .field("volumeClaimTemplate", PERSISTENT_VOLUME_CLAIM_TEMPLATE).build();

    /** Volume inlines VolumeSource; only the ephemeral source leads to a tagged field. */
    static final TypeSchema VOLUME = TypeSchema.builder("Volume")
            .field("ephemeral", EPHEMERAL_VOLUME_SOURCE).build();

    static final TypeSchema POD_SPEC = TypeSchema.builder("PodSpec")
            .field("volumes", mergeByKey("name", VOLUME).withRetainKeys())
            .field("initContainers", mergeByKey("name", CONTAINER))
            .field("containers", mergeByKey("name", CONTAINER))
            .field("ephemeralContainers", mergeByKey("name", EPHEMERAL_CONTAINER))
            .field("imagePullSecrets", mergeByKey("name"))
            .field("hostAliases", mergeByKey("ip"))
            .field("topologySpreadConstraints", mergeByKey("topologyKey"))
            .field("schedulingGates", mergeByKey("name"))
            .field("resourceClaims", mergeByKey("name").withRetainKeys())
            .field("evictionResponders", mergeByKey("name"))
            .build();

    static final TypeSchema CONTAINER_STATUS = TypeSchema.builder("ContainerStatus")
            .field("volumeMounts", mergeByKey("mountPath"))
            .field("allocatedResourcesStatus", mergeByKey("name"))
            .build();

    private static final TypeSchema NODE_ALLOCATABLE_RESOURCE_CLAIM_STATUS =
            TypeSchema.builder("NodeAllocatableResourceClaimStatus")
                    .field("mapping", mergeByKey("name"))
                    .field("overhead", mergeByKey("name"))
                    .build();

    private static final TypeSchema POD_VOLUME_HEALTH = TypeSchema.builder("PodVolumeHealth")
            .field("healthConditions", mergeByKey("status"))
            .build();

    static final TypeSchema POD_STATUS = TypeSchema.builder("PodStatus")
            .field("conditions", mergeByKey("type"))
            .field("hostIPs", mergeByKey("ip"))
            .field("podIPs", mergeByKey("ip"))
            .field("resourceClaimStatuses", mergeByKey("name").withRetainKeys())
            .field("nodeAllocatableResourceClaimStatuses",
                    mergeByKey("resourceClaimName", NODE_ALLOCATABLE_RESOURCE_CLAIM_STATUS))
            // Untagged (replaced whole) lists whose elements have tagged fields, listed for completeness.
            .field("containerStatuses", CONTAINER_STATUS)
            .field("initContainerStatuses", CONTAINER_STATUS)
            .field("ephemeralContainerStatuses", CONTAINER_STATUS)
            .field("volumeHealth", POD_VOLUME_HEALTH)
            .build();

    static final TypeSchema POD = TypeSchema.builder("Pod")
            .field("metadata", OBJECT_META)
            .field("spec", POD_SPEC)
            .field("status", POD_STATUS)
            .build();

    /** NodeSpec: podCIDRs merge as a set of strings; taints have no tag and are replaced whole. */
    static final TypeSchema NODE_SPEC = TypeSchema.builder("NodeSpec")
            .field("podCIDRs", mergePrimitives())
            .build();

    static final TypeSchema NODE_STATUS = TypeSchema.builder("NodeStatus")
            .field("conditions", mergeByKey("type"))
            .field("addresses", mergeByKey("type"))
            .build();

    static final TypeSchema NODE = TypeSchema.builder("Node")
            .field("metadata", OBJECT_META)
            .field("spec", NODE_SPEC)
            .field("status", NODE_STATUS)
            .build();

    static final TypeSchema NAMESPACE_STATUS = TypeSchema.builder("NamespaceStatus")
            .field("conditions", mergeByKey("type"))
            .build();

    static final TypeSchema NAMESPACE = TypeSchema.builder("Namespace")
            .field("metadata", OBJECT_META)
            .field("status", NAMESPACE_STATUS)
            .build();

    static final TypeSchema CONFIG_MAP = onlyObjectMeta("ConfigMap");

    /** core/v1 Event: no tagged fields besides its ObjectMeta. */
    static final TypeSchema CORE_EVENT = onlyObjectMeta("Event");

    /** events.k8s.io/v1 Event: no tagged fields besides its ObjectMeta. */
    static final TypeSchema EVENTS_EVENT = onlyObjectMeta("Event");

    /** coordination.k8s.io/v1 Lease: no tagged fields besides its ObjectMeta. */
    static final TypeSchema LEASE = onlyObjectMeta("Lease");

    private KubernetesTypes() {
    }

    private static TypeSchema onlyObjectMeta(String name) {
        return TypeSchema.builder(name).field("metadata", OBJECT_META).build();
    }
}
