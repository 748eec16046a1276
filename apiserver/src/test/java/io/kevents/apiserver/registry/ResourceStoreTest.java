package io.kevents.apiserver.registry;

import static io.kevents.apiserver.registry.RegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ResourceStoreTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final Registry.Served pods = fixture.served("", "pods");
    private final Registry.Served configMaps = fixture.served("", "configmaps");

    @AfterEach
    void close() {
        fixture.close();
    }

    private ObjectNode createPod(String name) {
        return pods.store().create(pods.type(), "default", json("{'metadata':{'name':'" + name + "',"
                + "'labels':{'app':'" + name + "'}},'spec':{'containers':[{'name':'c','image':'nginx:1.8'}]}}"), false);
    }

    @Test
    void createSetsIdentityAndDefaultsAndResourceVersionFromTheStore() {
        ObjectNode pod = createPod("nginx");
        assertThat(pod.path("kind").asString()).isEqualTo("Pod");
        assertThat(pod.path("metadata").path("uid").asString()).hasSize(36);
        assertThat(pod.path("metadata").path("creationTimestamp").asString()).isEqualTo("2021-09-15T11:13:20Z");
        assertThat(pod.path("metadata").path("resourceVersion").asLong()).isPositive();
        assertThat(pod.path("status").path("phase").asString()).isEqualTo("Pending");
        assertThat(pod.path("spec").path("tolerations").size()).isEqualTo(2);
        assertThatThrownBy(() -> createPod("nginx")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(409));
    }

    @Test
    void generateNameAddsFiveCharacters() {
        ObjectNode created = configMaps.store().create(configMaps.type(), "default",
                json("{'metadata':{'generateName':'cfg-'}}"), false);
        assertThat(created.path("metadata").path("name").asString()).matches("cfg-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void updatesWithAStaleResourceVersionConflict() {
        ObjectNode pod = createPod("nginx");
        String version = pod.path("metadata").path("resourceVersion").asString();
        ObjectNode changed = pod.deepCopy();
        ((ObjectNode) changed.path("metadata").path("labels")).put("tier", "web");
        ObjectNode updated = pods.store().update(pods.type(), "default", "nginx", changed, null, false);
        assertThat(updated.path("metadata").path("resourceVersion").asString()).isNotEqualTo(version);

        ObjectNode stale = pod.deepCopy();
        ((ObjectNode) stale.path("metadata").path("labels")).put("tier", "db");
        assertThatThrownBy(() -> pods.store().update(pods.type(), "default", "nginx", stale, null, false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("the object has been modified");
                });
    }

    @Test
    void anUnchangedUpdateDoesNotWrite() {
        ObjectNode pod = createPod("nginx");
        ObjectNode same = pods.store().update(pods.type(), "default", "nginx", pod.deepCopy(), null, false);
        assertThat(same.path("metadata").path("resourceVersion")).isEqualTo(pod.path("metadata").path("resourceVersion"));
    }

    @Test
    void mainResourceUpdatesKeepTheStatusAndStatusUpdatesKeepTheSpec() {
        ObjectNode pod = createPod("nginx");
        ObjectNode withStatus = pod.deepCopy();
        ((ObjectNode) withStatus.path("status")).put("phase", "Running");
        ((ObjectNode) withStatus.path("spec")).put("nodeName", "ignored");
        ObjectNode afterStatus = pods.store().update(pods.type(), "default", "nginx", withStatus, "status", false);
        assertThat(afterStatus.path("status").path("phase").asString()).isEqualTo("Running");
        assertThat(afterStatus.path("spec").has("nodeName")).isFalse();

        ObjectNode mainUpdate = afterStatus.deepCopy();
        ((ObjectNode) mainUpdate.path("status")).put("phase", "Failed");
        ObjectNode afterMain = pods.store().update(pods.type(), "default", "nginx", mainUpdate, null, false);
        assertThat(afterMain.path("status").path("phase").asString()).isEqualTo("Running");
    }

    @Test
    void pagesAreReadAtOneRevision() {
        for (int i = 0; i < 5; i++) {
            createPod("pod-" + i);
        }
        ListRequest firstPage = new ListRequest(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 2, null, null, null);
        ListPage page = pods.store().list(pods.type(), "default", firstPage);
        assertThat(page.items()).hasSize(2);
        // Changes after the first page do not show in later pages.
        pods.store().delete(pods.type(), "default", "pod-4", null, null, false);
        createPod("pod-5");
        List<String> names = new ArrayList<>();
        page.items().forEach(item -> names.add(item.path("metadata").path("name").asString()));
        while (page.continueToken() != null) {
            page = pods.store().list(pods.type(), "default", new ListRequest(LabelSelector.EVERYTHING,
                    FieldSelector.EVERYTHING, 2, page.continueToken(), null, null));
            page.items().forEach(item -> names.add(item.path("metadata").path("name").asString()));
        }
        assertThat(names).containsExactly("pod-0", "pod-1", "pod-2", "pod-3", "pod-4");
    }

    @Test
    void listsFilterByLabelsAndFields() {
        createPod("a");
        createPod("b");
        ListPage page = pods.store().list(pods.type(), null, new ListRequest(LabelSelector.parse("app in (b,c)"),
                FieldSelector.parse("metadata.namespace=default,status.phase=Pending"), 0, null, null, null));
        assertThat(page.items()).extracting(i -> i.path("metadata").path("name").asString()).containsExactly("b");
        assertThatThrownBy(() -> pods.store().list(pods.type(), null, new ListRequest(LabelSelector.EVERYTHING,
                FieldSelector.parse("spec.unknown=x"), 0, null, null, null)))
                .hasMessage("field label not supported: spec.unknown");
    }

    @Test
    void tooLargeResourceVersionsAreATimeout() {
        assertThatThrownBy(() -> pods.store().list(pods.type(), null, new ListRequest(LabelSelector.EVERYTHING,
                FieldSelector.EVERYTHING, 0, null, "999999", null))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(504));
        assertThatThrownBy(() -> pods.store().list(pods.type(), null, new ListRequest(LabelSelector.EVERYTHING,
                FieldSelector.EVERYTHING, 0, null, null, "Exact"))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void invalidObjectsAreRejectedWithCauses() {
        assertThatThrownBy(() -> pods.store().create(pods.type(), "default",
                json("{'metadata':{'name':'Bad_Name'},'spec':{'containers':[{'name':'c','image':'x'}]}}"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.toStatus().path("details").path("causes").get(0).path("field").asString())
                            .isEqualTo("metadata.name");
                });
        assertThatThrownBy(() -> pods.store().create(pods.type(), "default",
                json("{'metadata':{'name':'p'},'spec':{'containers':[]}}"), false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Pod \"p\" is invalid: spec.containers: Required value"));
    }
}
