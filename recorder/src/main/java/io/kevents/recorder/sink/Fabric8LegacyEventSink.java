package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes core/v1 events through a fabric8 {@link KubernetesClient} (POST, PUT, PATCH on
 * {@code /api/v1/namespaces/<ns>/events}).
 */
public final class Fabric8LegacyEventSink implements LegacyEventSink {

    private final KubernetesClient client;
    private final PatchFormat patchFormat;

    /** A sink on {@code client}, patching with {@code patchFormat}. */
    public Fabric8LegacyEventSink(KubernetesClient client, PatchFormat patchFormat) {
        this.client = client;
        this.patchFormat = patchFormat;
    }

    /** A sink on {@code client}, patching with JSON merge patch. */
    public Fabric8LegacyEventSink(KubernetesClient client) {
        this(client, PatchFormat.JSON_MERGE);
    }

    @Override
    public Event create(Event event) throws SinkException {
        try {
            return client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }

    @Override
    public Event update(Event event) throws SinkException {
        try {
            return client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).update();
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }

    @Override
    public Event patch(Event event, CountPatch patch) throws SinkException {
        try {
            String body = client.getKubernetesSerialization().asJson(patch.toMap());
            return client.v1().events().inNamespace(event.getMetadata().getNamespace())
                    .withName(event.getMetadata().getName()).patch(patchFormat.context(), body);
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }
}
