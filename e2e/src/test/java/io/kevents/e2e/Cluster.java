package io.kevents.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.kevents.apiserver.ApiServerConfig;
import io.kevents.apiserver.StandaloneApiServer;
import io.kevents.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A kevents API server running in this JVM, as {@code ./kevents server} runs it (by default, embedded storage in a
 * fresh temporary directory; a kubeconfig written for kubectl), with a fabric8 client on it. One per test class.
 */
final class Cluster implements AutoCloseable {

    private final Path dir;
    private final SystemClock clock;
    private final StandaloneApiServer server;
    private final KubernetesClient client;

    private Cluster(Path dir, SystemClock clock, StandaloneApiServer server) {
        this.dir = dir;
        this.clock = clock;
        this.server = server;
        this.client = fabric8(server.server().url());
    }

    /** A server with the default settings (event TTL one hour, 30-minute watches). */
    static Cluster start() {
        return start(Duration.ofHours(1), UnaryOperator.identity());
    }

    /** A server with the given event TTL and server settings. */
    static Cluster start(Duration eventTtl, UnaryOperator<ApiServerConfig> settings) {
        return start(eventTtl, settings, dir -> "embedded:" + dir.resolve("db"), null);
    }

    /**
     * A server with the default settings on the given stores, as {@code --storage} and {@code --events-storage}
     * (or {@code null}) give them.
     */
    static Cluster start(String storage, String eventsStorage) {
        return start(Duration.ofHours(1), UnaryOperator.identity(), dir -> storage, eventsStorage);
    }

    private static Cluster start(Duration eventTtl, UnaryOperator<ApiServerConfig> settings,
                                 Function<Path, String> storage, String eventsStorage) {
        Path dir;
        try {
            dir = Files.createTempDirectory("kevents-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SystemClock clock = new SystemClock();
        try {
            ApiServerConfig config = settings.apply(ApiServerConfig.defaults(0, clock));
            StandaloneApiServer server = StandaloneApiServer.start(new StandaloneApiServer.Options(dir,
                    storage.apply(dir), eventsStorage, eventTtl, config));
            return new Cluster(dir, clock, server);
        } catch (RuntimeException e) {
            clock.close();
            deleteRecursively(dir);
            throw e;
        }
    }

    /** A fabric8 client on {@code url} that reads no kubeconfig or environment. */
    static KubernetesClient fabric8(String url) {
        return fabric8(url, UnaryOperator.identity(), http -> { });
    }

    /** A fabric8 client on {@code url} with more settings and HTTP client options (e.g. interceptors). */
    static KubernetesClient fabric8(String url, UnaryOperator<ConfigBuilder> settings,
                                    Consumer<HttpClient.Builder> http) {
        Config config = settings.apply(new ConfigBuilder(Config.empty()).withMasterUrl(url).withNamespace("default"))
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(http).build();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return server.server().url();
    }

    /** The kubeconfig the server wrote. */
    Path kubeconfig() {
        return server.kubeconfig();
    }

    /** A fabric8 client on this server. */
    KubernetesClient client() {
        return client;
    }

    /** kubectl of the given version on this server, with its own HOME and discovery cache under {@code workDir}. */
    Kubectl kubectl(KubectlBinary binary, Path workDir) {
        return new Kubectl(binary.path(), kubeconfig(), workDir);
    }

    /** Creates a namespace. */
    String createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                .create();
        return name;
    }

    /** Creates a pod with one container {@code nginx} running {@code image}, as the seed's manifests do. */
    Pod createPod(String namespace, String name, String image) {
        return createPod(namespace, name, "nginx", image);
    }

    /** Creates a pod with one container. */
    Pod createPod(String namespace, String name, String container, String image) {
        return client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName(container).withImage(image).endContainer().endSpec()
                .build()).create();
    }

    /**
     * Creates a node as a kubelet registers it: Ready, reporting its kubelet version, with
     * {@code node-role.kubernetes.io/<role>} labels for {@code roles}.
     */
    Node createNode(String name, String kubeletVersion, String... roles) {
        return createNode(name, true, kubeletVersion, roles);
    }

    /** Creates a node whose Ready condition is {@code ready}. */
    Node createNode(String name, boolean ready, String kubeletVersion, String... roles) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        for (String role : roles) {
            labels.put("node-role.kubernetes.io/" + role, "");
        }
        return client.nodes().resource(new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withReason(ready ? "KubeletReady" : "KubeletNotReady")
                .withMessage(ready ? "kubelet is posting ready status" : "container runtime network not ready")
                .endCondition()
                .withNewNodeInfo().withMachineID("f6a4dd8e7c2b4f0e9d1c3b5a7e9f1a2b")
                .withSystemUUID("4C4C4544-0042-3510-8052-B4C04F384732")
                .withBootID("0c9a8b7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d")
                .withKubeletVersion(kubeletVersion).withKubeProxyVersion(kubeletVersion)
                .withOsImage("CentOS Linux 7 (Core)").withKernelVersion("3.10.0-1160.el7.x86_64")
                .withContainerRuntimeVersion("containerd://1.4.3").withOperatingSystem("linux")
                .withArchitecture("amd64").endNodeInfo()
                .addNewAddress().withType("InternalIP").withAddress("172.20.70.215").endAddress()
                .endStatus()
                .build()).create();
    }

    @Override
    public void close() {
        try {
            client.close();
            server.close();
        } finally {
            clock.close();
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
