package io.kevents.kubelet.event;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kevents.model.ObjectRef;

/** The objects kubelet events are about, referenced as the kubelet references them. */
public final class ObjectRefs {

    private ObjectRefs() {
    }

    /**
     * The pod itself (volume events): {@code v1}, {@code Pod} and the pod's namespace, name, uid and resourceVersion,
     * as {@link ObjectRef#from(io.fabric8.kubernetes.api.model.HasMetadata)} reads them.
     */
    public static ObjectReference pod(Pod pod) {
        return ObjectRef.from(pod).toObjectReference();
    }

    /** One container of the pod: the pod with {@code fieldPath: spec.containers{<name>}}. */
    public static ObjectReference container(Pod pod, String containerName) {
        return ObjectRef.from(pod).withFieldPath("spec.containers{" + containerName + "}").toObjectReference();
    }

    /**
     * A node as the kubelet references it: no namespace (the event goes to {@code default}) and the node's name as
     * its uid, not the Node object's uid.
     */
    public static ObjectReference node(String nodeName) {
        ObjectReference ref = new ObjectReference();
        ref.setKind("Node");
        ref.setName(nodeName);
        ref.setUid(nodeName);
        return ref;
    }
}
