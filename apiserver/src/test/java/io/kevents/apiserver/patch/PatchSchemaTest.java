package io.kevents.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in schema holds the merge keys of upstream's struct tags. */
class PatchSchemaTest {

    private static final PatchSchema SCHEMA = PatchSchema.kubernetes();

    @ParameterizedTest(name = "{0} {1}.{2} merges by \"{3}\"")
    @CsvSource({
        "v1, Pod, metadata.ownerReferences, uid",
        "v1, Pod, spec.containers, name",
        "v1, Pod, spec.initContainers, name",
        "v1, Pod, spec.ephemeralContainers, name",
        "v1, Pod, spec.containers.env, name",
        "v1, Pod, spec.containers.ports, containerPort",
        "v1, Pod, spec.containers.volumeMounts, mountPath",
        "v1, Pod, spec.containers.volumeDevices, devicePath",
        "v1, Pod, spec.initContainers.env, name",
        "v1, Pod, spec.ephemeralContainers.ports, containerPort",
        "v1, Pod, spec.ephemeralContainers.volumeDevices, devicePath",
        "v1, Pod, spec.volumes, name",
        "v1, Pod, spec.imagePullSecrets, name",
        "v1, Pod, spec.hostAliases, ip",
        "v1, Pod, spec.topologySpreadConstraints, topologyKey",
        "v1, Pod, spec.schedulingGates, name",
        "v1, Pod, spec.resourceClaims, name",
        "v1, Pod, spec.volumes.ephemeral.volumeClaimTemplate.metadata.ownerReferences, uid",
        "v1, Pod, status.conditions, type",
        "v1, Pod, status.podIPs, ip",
        "v1, Pod, status.hostIPs, ip",
        "v1, Pod, status.resourceClaimStatuses, name",
        "v1, Pod, status.containerStatuses.volumeMounts, mountPath",
        "v1, Node, status.conditions, type",
        "v1, Node, status.addresses, type",
        "v1, Node, metadata.ownerReferences, uid",
        "v1, Namespace, status.conditions, type",
        "v1, ConfigMap, metadata.ownerReferences, uid",
        "v1, Event, metadata.ownerReferences, uid",
        "events.k8s.io/v1, Event, metadata.ownerReferences, uid",
        "coordination.k8s.io/v1, Lease, metadata.ownerReferences, uid",
    })
    void keyedLists(String apiVersion, String kind, String path, String mergeKey) {
        FieldSchema field = SCHEMA.forKind(apiVersion, kind).fieldAt(path);

        assertThat(field.strategy()).isEqualTo(PatchStrategy.MERGE);
        assertThat(field.mergeKey()).isEqualTo(mergeKey);
    }

    @ParameterizedTest(name = "{0} {1}.{2} merges as a set")
    @CsvSource({
        "v1, Pod, metadata.finalizers",
        "v1, Node, metadata.finalizers",
        "v1, Node, spec.podCIDRs",
        "events.k8s.io/v1, Event, metadata.finalizers",
        "coordination.k8s.io/v1, Lease, metadata.finalizers",
    })
    void primitiveSets(String apiVersion, String kind, String path) {
        FieldSchema field = SCHEMA.forKind(apiVersion, kind).fieldAt(path);

        assertThat(field.mergesLists()).isTrue();
        assertThat(field.hasMergeKey()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}.{2} is replaced whole")
    @CsvSource({
        "v1, Pod, spec.tolerations",
        "v1, Pod, spec.readinessGates",
        "v1, Pod, spec.containers.envFrom",
        "v1, Pod, status.containerStatuses",
        "v1, Node, spec.taints",
        "v1, Node, status.images",
        "v1, Namespace, spec.finalizers",
        "v1, Pod, metadata.managedFields",
        "v1, Event, related",
        "events.k8s.io/v1, Event, series",
        "coordination.k8s.io/v1, Lease, spec.holderIdentity",
    })
    void untaggedLists(String apiVersion, String kind, String path) {
        FieldSchema field = SCHEMA.forKind(apiVersion, kind).fieldAt(path);

        assertThat(field.mergesLists()).isFalse();
        assertThat(field.hasMergeKey()).isFalse();
    }

    @Test
    void volumesAndResourceClaimsRetainKeys() {
        TypeSchema pod = SCHEMA.forKind("v1", "Pod");

        assertThat(pod.fieldAt("spec.volumes").retainKeys()).isTrue();
        assertThat(pod.fieldAt("spec.resourceClaims").retainKeys()).isTrue();
        assertThat(pod.fieldAt("spec.containers").retainKeys()).isFalse();
    }

    @Test
    void kindsAreResolvedByGroupNotVersion() {
        // Identity, not equality: both Event schemas are equal records, and OPAQUE is what an unknown group gets.
        for (String apiVersion : new String[] {"events.k8s.io/v1beta1", "events.k8s.io/v1"}) {
            assertThat(SCHEMA.forKind(apiVersion, "Event")).isSameAs(KubernetesTypes.EVENTS_EVENT)
                    .isNotSameAs(TypeSchema.OPAQUE)
                    .isNotSameAs(KubernetesTypes.CORE_EVENT);
        }
        assertThat(SCHEMA.forKind("coordination.k8s.io/v1beta1", "Lease").name()).isEqualTo("Lease");
        assertThat(SCHEMA.forKind("v1", "Pod").name()).isEqualTo("Pod");
    }

    @Test
    void withoutAnApiVersionTheKindDecidesCoreFirst() {
        assertThat(SCHEMA.forKind(null, "Pod")).isSameAs(SCHEMA.forKind("v1", "Pod"));
        assertThat(SCHEMA.forKind("", "Event")).isSameAs(SCHEMA.forKind("v1", "Event"));
        assertThat(SCHEMA.forKind(" ", "Lease")).isSameAs(SCHEMA.forKind("coordination.k8s.io/v1", "Lease"));
    }

    @Test
    void unknownKindsAndGroupsKnowNothing() {
        assertThat(SCHEMA.forKind("v1", "Secret")).isSameAs(TypeSchema.OPAQUE);
        assertThat(SCHEMA.forKind("apps/v1", "Pod")).isSameAs(TypeSchema.OPAQUE);
        assertThat(SCHEMA.forKind("v1", null)).isSameAs(TypeSchema.OPAQUE);
        assertThat(TypeSchema.OPAQUE.fieldAt("spec.containers")).isEqualTo(FieldSchema.UNKNOWN);
    }

    @Test
    void aCustomSchemaCanBeBuilt() {
        TypeSchema widget = TypeSchema.builder("Widget")
                .field("parts", FieldSchema.mergeByKey("id"))
                .build();
        PatchSchema schema = new PatchSchema(Map.of(new PatchSchema.GroupKind("example.com", "Widget"), widget));

        assertThat(schema.forKind("example.com/v1", "Widget").fieldAt("parts").mergeKey()).isEqualTo("id");
    }

    @Test
    void fieldsCannotBeDeclaredTwiceNorMergeKeysBeEmpty() {
        assertThatThrownBy(() -> TypeSchema.builder("T").field("a", FieldSchema.replace())
                .field("a", FieldSchema.replace())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSchema.mergeByKey("")).isInstanceOf(IllegalArgumentException.class);
    }
}
