package io.kevents.apiserver.registry;

import static io.kevents.apiserver.registry.RegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;
import io.kevents.storage.KeyValueStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class NamespaceLifecycleTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final Registry registry = fixture.registry;
    private final Registry.Served namespaces = fixture.served("", "namespaces");
    private final Registry.Served configMaps = fixture.served("", "configmaps");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void admitsCreatesInANamespaceUntilItIsDeleted() {
        createNamespace("team-a", "delete-me");
        require("team-a"); // remembered from here on
        createConfigMap("team-a", "settings");

        registry.deleteNamespace("team-a", false);

        assertNotFound("team-a");
        assertThat(configMaps.store().list(configMaps.type(), "team-a", ListRequest.ALL).items()).isEmpty();
    }

    @Test
    void findsANamespaceCreatedAfterAMissAndForgetsOnesDeletedAsACollection() {
        assertNotFound("team-b");
        createNamespace("team-b", "delete-me");
        createNamespace("team-c", "keep");
        require("team-b");
        require("team-c");

        registry.deleteNamespaces(new ListRequest(LabelSelector.parse("purpose=delete-me"), FieldSelector.EVERYTHING,
                0, null, null, null), false);

        assertNotFound("team-b");
        require("team-c");
    }

    @Test
    void aCollectionDeleteLeavesTheSystemNamespacesAndSaysSo() {
        createNamespace("team-d", "delete-me");

        assertThatThrownBy(() -> registry.deleteNamespaces(ListRequest.ALL, false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403));

        assertNotFound("team-d");
        require("default");
        require("kube-system");
    }

    @Test
    void aNamespaceDeletedThroughAnotherServerSharingTheStoreIsRefusedHereToo() {
        Registry here = fixture.registry;
        here.watchNamespaces();
        try (Registry there = Registry.standard(prefix -> fixture.store, fixture.clock, Duration.ofHours(1))) {
            there.watchNamespaces();
            createNamespace("team-e", "delete-me");
            require("team-e"); // remembered here

            there.deleteNamespace("team-e", false);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNotFound("team-e"));
        } finally {
            here.close();
        }
    }

    @Test
    void withItsWatchRunningAKnownNamespaceIsAdmittedWithoutReadingTheStore() {
        AtomicInteger reads = new AtomicInteger();
        NamespaceLifecycle lifecycle = new NamespaceLifecycle(name -> {
            reads.incrementAndGet();
            return namespaces.store().exists(namespaces.type(), null, name);
        });
        try (NamespaceWatch watch = new NamespaceWatch(fixture.store, namespaces.type().storagePrefix(), lifecycle,
                Runnable::run)) {
            watch.start();
            createNamespace("team-h", "keep");

            // Once the watch runs, a namespace read once is remembered: no more reads for it.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                lifecycle.require("team-h").toCompletableFuture().join();
                int before = reads.get();
                lifecycle.require("team-h").toCompletableFuture().join();
                return reads.get() == before;
            });
        }
    }

    @Test
    void whenItsWatchEndsTheCheckNoLongerAnswersFromMemory() {
        try (Registry watched = fixture.registry) {
            watched.watchNamespaces();
            createNamespace("team-g", "keep");
            require("team-g"); // remembered: answered without the store from here on

            // The store goes away, and the watch with it: a remembered namespace may have been deleted meanwhile.
            fixture.store.close();

            // The check asks the store (which answers that it is closed) rather than admitting from memory.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThatThrownBy(() -> require("team-g")).isInstanceOf(CompletionException.class)
                            .cause().isInstanceOfSatisfying(ApiException.class, e -> {
                                assertThat(e.code()).isEqualTo(500);
                                assertThat(e.getMessage()).contains("store is closed");
                            }));
        }
    }

    @Test
    void withoutItsWatchTheCheckReadsTheStoreEveryTime() {
        createNamespace("team-f", "delete-me");
        require("team-f");

        // Deleted behind the registry's back: only a watch would have told it.
        fixture.store.delete(namespaces.type().key(null, "team-f"), KeyValueStore.ANY_REVISION).join();

        assertNotFound("team-f");
    }

    private void createNamespace(String name, String purpose) {
        namespaces.store().create(namespaces.type(), null,
                json("{'metadata':{'name':'" + name + "','labels':{'purpose':'" + purpose + "'}}}"), false);
    }

    private void createConfigMap(String namespace, String name) {
        configMaps.store().create(configMaps.type(), namespace, json("{'metadata':{'name':'" + name + "'}}"), false);
    }

    private void require(String namespace) {
        registry.requireNamespace(namespace).toCompletableFuture().join();
    }

    private void assertNotFound(String namespace) {
        assertThatThrownBy(() -> require(namespace)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
    }
}
