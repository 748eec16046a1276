package io.kevents.kubelet.node;

import io.fabric8.kubernetes.api.model.Taint;

/**
 * A taint the kubelet registers its node with ({@code --register-with-taints}).
 *
 * @param key    e.g. {@code node-role.kubernetes.io/master}
 * @param value  often empty
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
 */
public record NodeTaint(String key, String value, String effect) {

    /** The v1.20 kubeadm control-plane taint {@code node-role.kubernetes.io/master:NoSchedule}. */
    public static NodeTaint master() {
        return new NodeTaint("node-role.kubernetes.io/master", "", "NoSchedule");
    }

    /** The fabric8 form (an empty value is left out, as the API server stores it). */
    public Taint toTaint() {
        Taint taint = new Taint();
        taint.setKey(key);
        taint.setValue(value == null || value.isEmpty() ? null : value);
        taint.setEffect(effect);
        return taint;
    }
}
