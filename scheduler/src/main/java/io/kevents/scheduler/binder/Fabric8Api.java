package io.kevents.scheduler.binder;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;

/**
 * Asynchronous requests through a fabric8 client's HTTP client (its configuration, authentication and connection
 * pool), at most {@code maxInFlight} at a time: the binding and status writes of a busy scheduler stay off the
 * scheduling thread without flooding the API server.
 */
final class Fabric8Api {

    private final HttpClient http;
    private final String baseUrl;
    private final KubernetesSerialization serialization;
    private final Semaphore inFlight;

    Fabric8Api(KubernetesClient client, int maxInFlight) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.baseUrl = master.endsWith("/") ? master : master + "/";
        this.serialization = client.getKubernetesSerialization();
        this.inFlight = new Semaphore(maxInFlight);
    }

    KubernetesSerialization serialization() {
        return serialization;
    }

    /** Sends a request; waits for a free slot first. The stage never completes exceptionally. */
    CompletionStage<ApiResult> send(String method, String path, String contentType, String body) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(new ApiResult.Failed(0, "interrupted"));
        }
        CompletableFuture<HttpResponse<String>> response;
        try {
            HttpRequest request = http.newHttpRequestBuilder().uri(baseUrl + path).method(method, contentType, body)
                    .build();
            response = http.sendAsync(request, String.class);
        } catch (RuntimeException e) {
            inFlight.release();
            return CompletableFuture.completedFuture(new ApiResult.Failed(0, String.valueOf(e.getMessage())));
        }
        return response.handle((answer, error) -> {
            inFlight.release();
            if (error != null) {
                return new ApiResult.Failed(0, String.valueOf(error.getMessage()));
            }
            if (answer.isSuccessful()) {
                return ApiResult.OK;
            }
            return new ApiResult.Failed(answer.code(), statusMessage(answer));
        });
    }

    private String statusMessage(HttpResponse<String> answer) {
        String body = answer.body();
        if (body != null && !body.isBlank()) {
            try {
                Status status = serialization.unmarshal(body, Status.class);
                if (status != null && status.getMessage() != null) {
                    return status.getMessage();
                }
            } catch (RuntimeException e) {
                return body;
            }
        }
        return "the server answered HTTP " + answer.code();
    }
}
