package io.kevents.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.util.Optional;

/**
 * An immutable reference to the object an event is about ({@code regarding} / {@code involvedObject}) or related
 * to. Fabric8's {@link ObjectReference} is mutable; the pipeline copies it into this record at the moment an event
 * is recorded, so a caller changing its object afterwards cannot change an event in flight.
 *
 * @param apiVersion      e.g. {@code v1}, {@code apps/v1}
 * @param kind            e.g. {@code Pod}
 * @param namespace       empty or {@code null} for cluster-scoped objects
 * @param name            the object's name
 * @param uid             the object's uid ({@code kubectl describe} finds events by it)
 * @param resourceVersion the object's resourceVersion when the event was recorded; written into the event but
 *                        left out of every deduplication key
 * @param fieldPath       e.g. {@code spec.containers{nginx}}; may be {@code null}
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name, String uid,
                        String resourceVersion, String fieldPath) {

    /** This reference without its resourceVersion: the form used in series and deduplication keys. */
    public ObjectRef withoutResourceVersion() {
        return resourceVersion == null ? this
                : new ObjectRef(apiVersion, kind, namespace, name, uid, null, fieldPath);
    }

    /** The whole object: this reference without resourceVersion and fieldPath (a pod, not one of its containers). */
    public ObjectRef wholeObject() {
        return resourceVersion == null && fieldPath == null ? this
                : new ObjectRef(apiVersion, kind, namespace, name, uid, null, null);
    }

    /** This reference with another fieldPath (the kubelet points at one container of a pod). */
    public ObjectRef withFieldPath(String path) {
        return new ObjectRef(apiVersion, kind, namespace, name, uid, resourceVersion, path);
    }

    /**
     * Whether {@code a} and {@code b} point at the same object, ignoring resourceVersion (two references to one
     * object at different versions are the same object). Either may be {@code null}.
     */
    public static boolean sameObject(ObjectRef a, ObjectRef b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        return java.util.Objects.equals(a.name, b.name) && java.util.Objects.equals(a.uid, b.uid)
                && java.util.Objects.equals(a.namespace, b.namespace) && java.util.Objects.equals(a.kind, b.kind)
                && java.util.Objects.equals(a.apiVersion, b.apiVersion)
                && java.util.Objects.equals(a.fieldPath, b.fieldPath);
    }

    /** A hash consistent with {@link #sameObject}: it ignores resourceVersion. */
    public static int objectHash(ObjectRef ref) {
        if (ref == null) {
            return 0;
        }
        int h = java.util.Objects.hashCode(ref.name);
        h = 31 * h + java.util.Objects.hashCode(ref.uid);
        h = 31 * h + java.util.Objects.hashCode(ref.namespace);
        h = 31 * h + java.util.Objects.hashCode(ref.kind);
        h = 31 * h + java.util.Objects.hashCode(ref.apiVersion);
        return 31 * h + java.util.Objects.hashCode(ref.fieldPath);
    }

    /** Whether the referenced object is namespaced. */
    public boolean isNamespaced() {
        return namespace != null && !namespace.isEmpty();
    }

    /** A new fabric8 reference with the same fields. */
    public ObjectReference toObjectReference() {
        ObjectReference ref = new ObjectReference();
        ref.setApiVersion(apiVersion);
        ref.setKind(kind);
        ref.setNamespace(namespace);
        ref.setName(name);
        ref.setUid(uid);
        ref.setResourceVersion(resourceVersion);
        ref.setFieldPath(fieldPath);
        return ref;
    }

    /** Copies a fabric8 reference; {@code null} gives {@code null}. */
    public static ObjectRef from(ObjectReference ref) {
        if (ref == null) {
            return null;
        }
        return new ObjectRef(ref.getApiVersion(), ref.getKind(), ref.getNamespace(), ref.getName(), ref.getUid(),
                ref.getResourceVersion(), ref.getFieldPath());
    }

    /**
     * References an object the way Kubernetes' {@code GetReference} does: kind and apiVersion from the object
     * (or, when unset, from its class's fabric8 annotations), name, namespace, uid and resourceVersion from its
     * metadata.
     */
    public static ObjectRef from(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        String apiVersion = object.getApiVersion() != null ? object.getApiVersion()
                : HasMetadata.getApiVersion(object.getClass());
        String kind = object.getKind() != null ? object.getKind() : HasMetadata.getKind(object.getClass());
        if (meta == null) {
            return new ObjectRef(apiVersion, kind, null, null, null, null, null);
        }
        return new ObjectRef(apiVersion, kind, meta.getNamespace(), meta.getName(), meta.getUid(),
                meta.getResourceVersion(), null);
    }

    /**
     * References whatever a caller passed as an event's object: an {@link ObjectRef}, a fabric8
     * {@link ObjectReference} or any {@link HasMetadata}. Empty when the object cannot be referenced (no name).
     */
    public static Optional<ObjectRef> of(Object object) {
        return Optional.ofNullable(resolve(object));
    }

    /** Like {@link #of(Object)}, without the Optional: {@code null} when the object cannot be referenced. */
    public static ObjectRef resolve(Object object) {
        ObjectRef ref;
        if (object instanceof ObjectRef given) {
            ref = given;
        } else if (object instanceof ObjectReference reference) {
            ref = from(reference);
        } else if (object instanceof HasMetadata resource) {
            ref = from(resource);
        } else {
            return null;
        }
        return ref.name() == null || ref.name().isEmpty() ? null : ref;
    }
}
