package io.kevents.kubelet.event;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;

/** The objects kubelet events are about, referenced as the kubelet references them. */
public final class ObjectRefs {

    private ObjectRefs() {
    }

    /** The pod itself (volume events). */
    public static ObjectReference pod(Pod pod) {
        ObjectReference ref = new ObjectReference();
        ref.setApiVersion("v1");
        ref.setKind("Pod");
        ref.setNamespace(pod.getMetadata().getNamespace());
        ref.setName(pod.getMetadata().getName());
        ref.setUid(pod.getMetadata().getUid());
        ref.setResourceVersion(pod.getMetadata().getResourceVersion());
        return ref;
    }

    /** One container of the pod: the pod with {@code fieldPath: spec.containers{<name>}}. */
    public static ObjectReference container(Pod pod, String containerName) {
        ObjectReference ref = pod(pod);
        ref.setFieldPath("spec.containers{" + containerName + "}");
        return ref;
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
