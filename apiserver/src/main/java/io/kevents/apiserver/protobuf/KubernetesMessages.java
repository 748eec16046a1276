package io.kevents.apiserver.protobuf;

import static io.kevents.apiserver.protobuf.ProtoType.BOOL;
import static io.kevents.apiserver.protobuf.ProtoType.BYTES_MAP;
import static io.kevents.apiserver.protobuf.ProtoType.INT32;
import static io.kevents.apiserver.protobuf.ProtoType.INT64;
import static io.kevents.apiserver.protobuf.ProtoType.MICRO_TIME;
import static io.kevents.apiserver.protobuf.ProtoType.STRING;
import static io.kevents.apiserver.protobuf.ProtoType.STRING_MAP;
import static io.kevents.apiserver.protobuf.ProtoType.TIME;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The protobuf schemas of the request bodies Kubernetes clients send in {@code application/vnd.kubernetes.protobuf}:
 * kubectl 1.32's {@code create namespace} and {@code create configmap}, and the event, lease, binding and delete
 * bodies of components built on client-go with protobuf enabled (kube-scheduler, kubelet). Field numbers are those of
 * the {@code generated.proto} files of {@code k8s.io/api} and {@code k8s.io/apimachinery}.
 */
public final class KubernetesMessages {

    private static final ProtoMessage OWNER_REFERENCE = ProtoMessage.builder("OwnerReference")
            .field(1, "kind", STRING)
            .field(3, "name", STRING)
            .field(4, "uid", STRING)
            .field(5, "apiVersion", STRING)
            .pointer(6, "controller", BOOL)
            .pointer(7, "blockOwnerDeletion", BOOL)
            .build();

    private static final ProtoMessage OBJECT_META = ProtoMessage.builder("ObjectMeta")
            .field(1, "name", STRING)
            .field(2, "generateName", STRING)
            .field(3, "namespace", STRING)
            .field(4, "selfLink", STRING)
            .field(5, "uid", STRING)
            .field(6, "resourceVersion", STRING)
            .field(7, "generation", INT64)
            .field(8, "creationTimestamp", TIME)
            .field(9, "deletionTimestamp", TIME)
            .pointer(10, "deletionGracePeriodSeconds", INT64)
            .field(11, "labels", STRING_MAP)
            .field(12, "annotations", STRING_MAP)
            .messages(13, "ownerReferences", OWNER_REFERENCE)
            .repeated(14, "finalizers", STRING)
            .build();

    private static final ProtoMessage OBJECT_REFERENCE = ProtoMessage.builder("ObjectReference")
            .field(1, "kind", STRING)
            .field(2, "namespace", STRING)
            .field(3, "name", STRING)
            .field(4, "uid", STRING)
            .field(5, "apiVersion", STRING)
            .field(6, "resourceVersion", STRING)
            .field(7, "fieldPath", STRING)
            .build();

    private static final ProtoMessage EVENT_SOURCE = ProtoMessage.builder("EventSource")
            .field(1, "component", STRING)
            .field(2, "host", STRING)
            .build();

    private static final ProtoMessage EVENT_SERIES = ProtoMessage.builder("EventSeries")
            .field(1, "count", INT32)
            .field(2, "lastObservedTime", MICRO_TIME)
            .build();

    private static final ProtoMessage CORE_EVENT = ProtoMessage.builder("Event")
            .message(1, "metadata", OBJECT_META)
            .message(2, "involvedObject", OBJECT_REFERENCE)
            .field(3, "reason", STRING)
            .field(4, "message", STRING)
            .message(5, "source", EVENT_SOURCE)
            .field(6, "firstTimestamp", TIME)
            .field(7, "lastTimestamp", TIME)
            .field(8, "count", INT32)
            .field(9, "type", STRING)
            .field(10, "eventTime", MICRO_TIME)
            .message(11, "series", EVENT_SERIES)
            .field(12, "action", STRING)
            .message(13, "related", OBJECT_REFERENCE)
            .field(14, "reportingComponent", STRING)
            .field(15, "reportingInstance", STRING)
            .build();

    private static final ProtoMessage EVENTS_V1_EVENT = ProtoMessage.builder("Event")
            .message(1, "metadata", OBJECT_META)
            .field(2, "eventTime", MICRO_TIME)
            .message(3, "series", EVENT_SERIES)
            .field(4, "reportingController", STRING)
            .field(5, "reportingInstance", STRING)
            .field(6, "action", STRING)
            .field(7, "reason", STRING)
            .message(8, "regarding", OBJECT_REFERENCE)
            .message(9, "related", OBJECT_REFERENCE)
            .field(10, "note", STRING)
            .field(11, "type", STRING)
            .message(12, "deprecatedSource", EVENT_SOURCE)
            .field(13, "deprecatedFirstTimestamp", TIME)
            .field(14, "deprecatedLastTimestamp", TIME)
            .field(15, "deprecatedCount", INT32)
            .build();

    private static final ProtoMessage NAMESPACE_CONDITION = ProtoMessage.builder("NamespaceCondition")
            .field(1, "type", STRING)
            .field(2, "status", STRING)
            .field(4, "lastTransitionTime", TIME)
            .field(5, "reason", STRING)
            .field(6, "message", STRING)
            .build();

    private static final ProtoMessage NAMESPACE = ProtoMessage.builder("Namespace")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", ProtoMessage.builder("NamespaceSpec").repeated(1, "finalizers", STRING).build())
            .message(3, "status", ProtoMessage.builder("NamespaceStatus")
                    .field(1, "phase", STRING)
                    .messages(2, "conditions", NAMESPACE_CONDITION)
                    .build())
            .build();

    private static final ProtoMessage CONFIG_MAP = ProtoMessage.builder("ConfigMap")
            .message(1, "metadata", OBJECT_META)
            .field(2, "data", STRING_MAP)
            .field(3, "binaryData", BYTES_MAP)
            .pointer(4, "immutable", BOOL)
            .build();

    private static final ProtoMessage LEASE = ProtoMessage.builder("Lease")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", ProtoMessage.builder("LeaseSpec")
                    .pointer(1, "holderIdentity", STRING)
                    .pointer(2, "leaseDurationSeconds", INT32)
                    .pointer(3, "acquireTime", MICRO_TIME)
                    .pointer(4, "renewTime", MICRO_TIME)
                    .pointer(5, "leaseTransitions", INT32)
                    .pointer(6, "strategy", STRING)
                    .pointer(7, "preferredHolder", STRING)
                    .build())
            .build();

    private static final ProtoMessage BINDING = ProtoMessage.builder("Binding")
            .message(1, "metadata", OBJECT_META)
            .message(2, "target", OBJECT_REFERENCE)
            .build();

    private static final ProtoMessage DELETE_OPTIONS = ProtoMessage.builder("DeleteOptions")
            .pointer(1, "gracePeriodSeconds", INT64)
            .message(2, "preconditions", ProtoMessage.builder("Preconditions")
                    .pointer(1, "uid", STRING)
                    .pointer(2, "resourceVersion", STRING)
                    .build())
            .pointer(3, "orphanDependents", BOOL)
            .pointer(4, "propagationPolicy", STRING)
            .repeated(5, "dryRun", STRING)
            .pointer(6, "ignoreStoreReadErrorWithClusterBreakingPotential", BOOL)
            .build();

    /** By {@code apiVersion/kind} as the envelope names them. */
    private static final Map<String, ProtoMessage> BY_TYPE = Map.of(
            "v1/Namespace", NAMESPACE,
            "v1/ConfigMap", CONFIG_MAP,
            "v1/Event", CORE_EVENT,
            "events.k8s.io/v1/Event", EVENTS_V1_EVENT,
            "coordination.k8s.io/v1/Lease", LEASE,
            "v1/Binding", BINDING,
            "v1/DeleteOptions", DELETE_OPTIONS,
            "meta.k8s.io/v1/DeleteOptions", DELETE_OPTIONS);

    private KubernetesMessages() {
    }

    /** The schema of {@code apiVersion}/{@code kind}, if kevents decodes it. */
    public static Optional<ProtoMessage> forType(String apiVersion, String kind) {
        return Optional.ofNullable(BY_TYPE.get(apiVersion + "/" + kind));
    }

    /** The {@code apiVersion/kind} pairs kevents decodes, sorted, for error messages. */
    public static Set<String> supportedTypes() {
        return new TreeSet<>(BY_TYPE.keySet());
    }
}
