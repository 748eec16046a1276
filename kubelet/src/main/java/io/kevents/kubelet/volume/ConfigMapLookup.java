package io.kevents.kubelet.volume;

/** Whether a configmap exists, as the kubelet's watch-based configmap manager knows it. Thread-safe. */
@FunctionalInterface
public interface ConfigMapLookup {

    /** Whether {@code namespace/name} exists now. */
    boolean exists(String namespace, String name);
}
