package io.kevents.kubelet.source;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pods bound to any node, from one informer ({@code fieldSelector=spec.nodeName!=}) shared by all hollow nodes:
 * one watch instead of one per node (a thousand nodes would otherwise hold a thousand watches), filtered here by
 * the node the pod is bound to.
 */
public final class BoundPodSource implements AutoCloseable {

    /** Receives the pods of the nodes it manages; called on the informer's thread. */
    public interface Handler {

        /** Whether pods bound to {@code nodeName} are wanted. */
        boolean manages(String nodeName);

        /** A pod appeared (or was bound) on a managed node. */
        void added(Pod pod);

        /** A pod on a managed node changed. */
        void updated(Pod pod);

        /** A pod on a managed node is gone. */
        void deleted(Pod pod);
    }

    private final SharedIndexInformer<Pod> informer;

    private BoundPodSource(SharedIndexInformer<Pod> informer) {
        this.informer = informer;
    }

    /** Starts the informer and waits up to {@code timeout} for its first list. */
    public static BoundPodSource start(KubernetesClient client, Handler handler, Duration timeout) {
        SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().withoutField("spec.nodeName", "")
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (handler.manages(nodeName(pod))) {
                    handler.added(pod);
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (handler.manages(nodeName(pod))) {
                    handler.updated(pod);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                if (handler.manages(nodeName(pod))) {
                    handler.deleted(pod);
                }
            }
        });
        try {
            informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            informer.close();
            throw new IllegalStateException("interrupted while listing pods", e);
        } catch (ExecutionException | TimeoutException e) {
            informer.close();
            throw new IllegalStateException("cannot list pods: " + e.getMessage(), e);
        }
        return new BoundPodSource(informer);
    }

    private static String nodeName(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    @Override
    public void close() {
        informer.close();
    }
}
