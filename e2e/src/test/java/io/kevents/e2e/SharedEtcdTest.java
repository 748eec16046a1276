package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kevents.storage.testing.EtcdProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd "when one machine is not enough": two kevents API servers keep everything in one real etcd and serve the
 * same cluster, and a third keeps only its events there ({@code --events-storage}), the rest in its embedded store.
 */
class SharedEtcdTest {

    private static EtcdProcess etcd;
    private static Cluster first;
    private static Cluster second;

    @BeforeAll
    static void start() {
        etcd = EtcdProcess.start();
        String storage = "etcd:" + etcd.clientUrl();
        first = Cluster.start(storage, null);
        second = Cluster.start(storage, null);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {second, first, etcd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the watch only needs to run while the body does
    void anEventWrittenThroughOneServerIsListedAndWatchedThroughTheOther() {
        String namespace = first.createNamespace("shared-events");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch ignored = second.client().v1().events().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Event event) {
                seen.add(action + " " + event.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            first.client().v1().events().inNamespace(namespace).resource(
                    TestEvents.aboutPod(namespace, "pulled-1", "nginx-pod-test", "Pulled", "pulled")).create();

            await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("ADDED pulled-1"));
            assertThat(second.client().v1().events().inNamespace(namespace).list().getItems())
                    .extracting(e -> e.getMetadata().getName()).containsExactly("pulled-1");
            assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/registry/events/" + namespace + "/"))
                    .contains("/registry/events/" + namespace + "/pulled-1");
        }
    }

    @Test
    void aNamespaceDeletedThroughOneServerTakesNoMoreObjectsThroughTheOther() {
        String namespace = first.createNamespace("shared-doomed");
        // The second server checks the namespace and, from then on, remembers that it exists.
        second.client().configMaps().inNamespace(namespace).resource(configMap("before")).create();

        first.client().namespaces().withName(namespace).delete();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> second.client().configMaps().inNamespace(namespace)
                        .resource(configMap("after")).create())
                        .isInstanceOfSatisfying(KubernetesClientException.class,
                                e -> assertThat(e.getCode()).isEqualTo(404)));
        assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/registry/configmaps/" + namespace + "/"))
                .isBlank();
    }

    @Test
    void withEventsStorageOnlyEventsGoToEtcd() throws Exception {
        try (Cluster split = Cluster.start("memory:", "etcd:" + etcd.clientUrl())) {
            String namespace = split.createNamespace("split-stores");
            split.createPod(namespace, "nginx-pod-test", "nginxa:1.8");
            split.client().v1().events().inNamespace(namespace).resource(
                    TestEvents.aboutPod(namespace, "failed-1", "nginx-pod-test", "Failed", "pull failed")).create();

            assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/registry/events/" + namespace + "/"))
                    .contains("/registry/events/" + namespace + "/failed-1");
            assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/registry/pods/" + namespace + "/"))
                    .isBlank();
            assertThat(split.client().pods().inNamespace(namespace).withName("nginx-pod-test").get()).isNotNull();
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("k", "v").build();
    }
}
