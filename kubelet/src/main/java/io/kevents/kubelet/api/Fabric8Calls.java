package io.kevents.kubelet.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/** Runs a fabric8 request and classifies its failure: 404 gone, 429/5xx/transport retry, the rest failed. */
public final class Fabric8Calls {

    private Fabric8Calls() {
    }

    /** Runs {@code request}. */
    public static WriteResult run(Supplier<?> request) {
        try {
            request.get();
            return WriteResult.DONE;
        } catch (KubernetesClientException e) {
            return classify(e);
        }
    }

    /** The outcome a client exception stands for. */
    public static WriteResult classify(KubernetesClientException e) {
        int code = e.getCode();
        if (code == 404) {
            return WriteResult.GONE;
        }
        String why = code + " " + e.getMessage();
        // fabric8 reports transport failures (refused, timed out) with a code of 0 or -1.
        if (code <= 0 || code == 429 || code >= 500) {
            return new WriteResult.Retry(why);
        }
        return new WriteResult.Failed(why);
    }
}
