package io.kevents.recorder.adapter;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Probes through fabric8's discovery call, {@code GET /apis/events.k8s.io/v1}. */
public final class Fabric8EventsApiProbe implements EventsApiProbe {

    private final KubernetesClient client;

    /** Probes the server {@code client} talks to. */
    public Fabric8EventsApiProbe(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public boolean servesEventsV1() {
        APIResourceList resources = client.getApiResources("events.k8s.io/v1");
        return resources != null && resources.getResources() != null
                && resources.getResources().stream().anyMatch(r -> "events".equals(r.getName()));
    }
}
