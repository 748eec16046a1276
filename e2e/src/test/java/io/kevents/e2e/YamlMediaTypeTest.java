package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * YAML over plain HTTP, as kube-apiserver takes it: a manifest POSTed as {@code application/yaml} is created, and
 * {@code Accept: application/yaml} gets YAML back (errors included). fabric8's parser reads the answers.
 */
class YamlMediaTypeTest {

    private static Cluster cluster;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start();
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theSeedsManifestPostedAsYamlIsCreatedAndReadBackAsYaml() throws Exception {
        String namespace = cluster.createNamespace("yaml-bodies");
        String manifest = Files.readString(example("nginx-pod-test.yaml"));

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/" + namespace + "/pods"))
                .header("Content-Type", "application/yaml").header("Accept", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(manifest)));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/yaml");
        // Strings stay strings for any YAML reader: a resourceVersion is digits, but quoted.
        assertThat(created.body()).startsWith("kind: \"Pod\"\n").doesNotContain("{\"")
                .containsPattern("\n  resourceVersion: \"[0-9]+\"\n");
        Pod pod = Serialization.unmarshal(created.body(), Pod.class);
        assertThat(pod.getMetadata().getName()).isEqualTo("nginx-pod-test");
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("nginxa:1.8");

        HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/" + namespace
                + "/pods/nginx-pod-test")).header("Accept", "application/yaml, application/json"));
        assertThat(Serialization.unmarshal(read.body(), Pod.class).getMetadata().getUid())
                .isEqualTo(pod.getMetadata().getUid());
        // JSON first: JSON, as before.
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/" + namespace
                + "/pods/nginx-pod-test")).header("Accept", "application/json, application/yaml"));
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.body()).startsWith("{\"kind\":\"Pod\"");
    }

    @Test
    void badYamlIsA400AndAnUnknownMediaTypeA415NamingYaml() throws Exception {
        HttpResponse<String> bad = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/yaml").header("Accept", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("metadata: [unclosed\n")));

        assertThat(bad.statusCode()).isEqualTo(400);
        Status status = Serialization.unmarshal(bad.body(), Status.class);
        assertThat(status.getReason()).isEqualTo("BadRequest");
        assertThat(status.getMessage()).startsWith("the request body is not valid YAML: ");

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=x")));
        assertThat(unknown.statusCode()).isEqualTo(415);
        assertThat(Serialization.unmarshal(unknown.body(), Status.class).getMessage()).isEqualTo(
                "the body of the request was in an unknown format - accepted media types include: application/json, "
                        + "application/yaml, application/vnd.kubernetes.protobuf (got text/plain)");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(cluster.url() + path);
    }

    private static Path example(String name) {
        return Path.of(System.getProperty("kevents.examples", "../examples"), name);
    }
}
