package io.kevents.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.Map;

/**
 * The pod workers of one node, by pod uid: the kubelet's pod config handler (add, update, delete). Every method
 * runs under the node's lock.
 */
public final class PodWorkers {

    private final PodWorkerContext context;
    private final Map<String, PodWorker> workers = new HashMap<>();

    /** The workers of one node, sharing {@code context}. */
    public PodWorkers(PodWorkerContext context) {
        this.context = context;
    }

    /**
     * A pod bound to this node was added or changed. A pod with a deletionTimestamp is killed (the caller then
     * deletes it from the API server, as the kubelet's status manager does).
     *
     * @return whether the pod is terminating and should be deleted
     */
    public boolean upsert(Pod pod) {
        String uid = pod.getMetadata().getUid();
        PodWorker worker = workers.get(uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if (worker != null) {
                worker.update(pod);
                worker.kill();
                workers.remove(uid);
            }
            return true;
        }
        if (worker == null) {
            worker = new PodWorker(context, pod);
            workers.put(uid, worker);
            worker.start();
        } else {
            worker.update(pod);
        }
        return false;
    }

    /** A pod bound to this node was deleted. */
    public void delete(Pod pod) {
        PodWorker worker = workers.remove(pod.getMetadata().getUid());
        if (worker != null) {
            worker.kill();
        }
    }

    /** How many pods this node runs. */
    public int size() {
        return workers.size();
    }
}
