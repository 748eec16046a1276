package io.kevents.recorder.sink;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Writes events.k8s.io/v1 events through a fabric8 {@link KubernetesClient} (POST, PUT, PATCH on
 * {@code /apis/events.k8s.io/v1/namespaces/<ns>/events}).
 *
 * <p>The client's own retry setting ({@code requestRetryBackoffLimit}) applies below this sink; the pipeline's
 * {@link io.kevents.recorder.writer.RetryPolicy} applies above it.
 */
public final class Fabric8EventSink implements EventSink {

    private final KubernetesClient client;
    private final PatchFormat patchFormat;

    /** A sink on {@code client}, patching with {@code patchFormat}. */
    public Fabric8EventSink(KubernetesClient client, PatchFormat patchFormat) {
        this.client = client;
        this.patchFormat = patchFormat;
    }

    /** A sink on {@code client}, patching with JSON merge patch. */
    public Fabric8EventSink(KubernetesClient client) {
        this(client, PatchFormat.JSON_MERGE);
    }

    @Override
    public Event create(Event event) throws SinkException {
        try {
            return client.events().v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }

    @Override
    public Event update(Event event) throws SinkException {
        try {
            return client.events().v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event)
                    .update();
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }

    @Override
    public Event patch(Event event, SeriesPatch patch) throws SinkException {
        try {
            String body = client.getKubernetesSerialization().asJson(patch.toMap());
            return client.events().v1().events().inNamespace(event.getMetadata().getNamespace())
                    .withName(event.getMetadata().getName()).patch(patchFormat.context(), body);
        } catch (KubernetesClientException e) {
            throw Fabric8Errors.toSinkException(e);
        }
    }
}
