package io.kevents.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informers (list, then watch, re-listing after a broken watch) on all pods and all nodes, through fabric8.
 */
public final class Fabric8ClusterSource implements ClusterSource {

    private static final Logger LOG = LoggerFactory.getLogger(Fabric8ClusterSource.class);

    private final KubernetesClient client;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<Pod> pods;

    /** A source reading through {@code client} (which the caller keeps and closes). */
    public Fabric8ClusterSource(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void start(ClusterEventHandlers handlers, Duration timeout) {
        nodes = client.nodes().runnableInformer(0);
        nodes.addEventHandler(new Handler<>(handlers::onNodeAdd, handlers::onNodeUpdate, handlers::onNodeDelete));
        pods = client.pods().inAnyNamespace().runnableInformer(0);
        pods.addEventHandler(new Handler<>(handlers::onPodAdd, handlers::onPodUpdate, handlers::onPodDelete));
        try {
            CompletableFuture.allOf(nodes.start().toCompletableFuture(), pods.start().toCompletableFuture())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while listing pods and nodes", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("could not list and watch pods and nodes within " + timeout, e);
        }
    }

    @Override
    public void close() {
        if (pods != null) {
            pods.stop();
        }
        if (nodes != null) {
            nodes.stop();
        }
    }

    /** Adapts fabric8's callbacks; a failing handler is logged here, once, and does not stop the informer. */
    private record Handler<T>(Consumer<T> added, java.util.function.BiConsumer<T, T> updated,
                              Consumer<T> deleted) implements ResourceEventHandler<T> {

        @Override
        public void onAdd(T object) {
            guard(() -> added.accept(object));
        }

        @Override
        public void onUpdate(T before, T after) {
            guard(() -> updated.accept(before, after));
        }

        @Override
        public void onDelete(T object, boolean finalStateUnknown) {
            guard(() -> deleted.accept(object));
        }

        private static void guard(Runnable action) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("scheduler event handler failed", e);
            }
        }
    }
}
