package io.kevents.kubelet.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.function.Consumer;

/**
 * The API calls a node's kubelet makes about its node. Asynchronous: calls return at once, writes of the same
 * object are coalesced (a newer status replaces one not yet sent), failures are retried and logged by the
 * implementation.
 */
public interface NodeApi {

    /**
     * Creates the Node; if it exists already (a restarted kubelet), takes it over with this status.
     * {@code registered} receives the Node's uid, on any thread.
     */
    void register(Node node, Consumer<String> registered);

    /** Writes the node's status ({@code nodes/status}). */
    void updateStatus(String nodeName, NodeStatus status);

    /** Renews the node's lease, creating it if it is missing. */
    void renewLease(Lease lease);
}
