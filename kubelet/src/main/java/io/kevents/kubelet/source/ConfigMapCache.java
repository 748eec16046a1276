package io.kevents.kubelet.source;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.kevents.kubelet.volume.ConfigMapLookup;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The configmaps all hollow nodes see: one informer over every namespace (the kubelet's watch-based configmap
 * manager, shared instead of one per node).
 */
public final class ConfigMapCache implements ConfigMapLookup, AutoCloseable {

    private final SharedIndexInformer<ConfigMap> informer;

    private ConfigMapCache(SharedIndexInformer<ConfigMap> informer) {
        this.informer = informer;
    }

    /** Starts the informer and waits up to {@code timeout} for its first list. */
    public static ConfigMapCache start(KubernetesClient client, Duration timeout) {
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inAnyNamespace().runnableInformer(0);
        try {
            informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            informer.close();
            throw new IllegalStateException("interrupted while listing configmaps", e);
        } catch (ExecutionException | TimeoutException e) {
            informer.close();
            throw new IllegalStateException("cannot list configmaps: " + e.getMessage(), e);
        }
        return new ConfigMapCache(informer);
    }

    @Override
    public boolean exists(String namespace, String name) {
        return informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)) != null;
    }

    @Override
    public void close() {
        informer.close();
    }
}
