package io.kevents.apiserver.registry;

import static io.kevents.apiserver.registry.RegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.selection.LabelSelector;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventStrategyTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final Registry.Served core = fixture.served("", "events");
    private final Registry.Served v1 = fixture.served("events.k8s.io", "events");

    @AfterEach
    void close() {
        fixture.close();
    }

    private static final String LEGACY = "{'metadata':{'name':'nginx.1'},'involvedObject':{'kind':'Pod',"
            + "'namespace':'default','name':'nginx','uid':'u1'},'reason':'Pulling','message':'Pulling image',"
            + "'type':'Normal','count':1,'source':{'component':'kubelet'},"
            + "'firstTimestamp':'2021-09-15T11:13:20Z','lastTimestamp':'2021-09-15T11:13:20Z'}";
    private static final String NEW_STYLE = "{'metadata':{'name':'nginx.2'},'regarding':{'kind':'Pod',"
            + "'namespace':'default','name':'nginx','uid':'u1'},'reason':'FailedScheduling','note':'no fit',"
            + "'type':'Warning','action':'Scheduling','reportingController':'default-scheduler',"
            + "'reportingInstance':'default-scheduler-m','eventTime':'2021-09-15T11:13:20.000000Z'}";

    @Test
    void oneObjectTwoViews() {
        core.store().create(core.type(), "default", json(LEGACY), false);
        v1.store().create(v1.type(), "default", json(NEW_STYLE), false);

        ObjectNode legacyAsV1 = v1.store().get(v1.type(), "default", "nginx.1");
        assertThat(legacyAsV1.path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(legacyAsV1.path("regarding").path("name").asString()).isEqualTo("nginx");
        assertThat(legacyAsV1.path("note").asString()).isEqualTo("Pulling image");
        assertThat(legacyAsV1.path("deprecatedCount").asInt()).isEqualTo(1);

        ObjectNode newAsCore = core.store().get(core.type(), "default", "nginx.2");
        assertThat(newAsCore.path("involvedObject").path("name").asString()).isEqualTo("nginx");
        assertThat(newAsCore.path("message").asString()).isEqualTo("no fit");
        assertThat(newAsCore.path("reportingComponent").asString()).isEqualTo("default-scheduler");
    }

    @Test
    void eventsK8sIoRequiresTheNewFieldsAndRejectsTheDeprecatedOnes() {
        assertThatThrownBy(() -> v1.store().create(v1.type(), "default", json("{'metadata':{'name':'x.1'},"
                + "'regarding':{'kind':'Pod','namespace':'default','name':'x'},'reason':'R','type':'Error',"
                + "'deprecatedCount':3}"), false)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("eventTime: Required value", "type: Invalid value",
                            "count: needs to be unset");
                });
    }

    @Test
    void eventsK8sIoUpdatesMayOnlyChangeTheSeries() {
        v1.store().create(v1.type(), "default", json(NEW_STYLE), false);
        ObjectNode event = v1.store().get(v1.type(), "default", "nginx.2");
        ObjectNode changedNote = event.deepCopy().put("note", "different");
        assertThatThrownBy(() -> v1.store().update(v1.type(), "default", "nginx.2", changedNote, null, false))
                .hasMessageContaining("message: field is immutable");
        ObjectNode withSeries = event.deepCopy();
        withSeries.putObject("series").put("count", 2).put("lastObservedTime", "2021-09-15T11:14:20.000000Z");
        ObjectNode updated = v1.store().update(v1.type(), "default", "nginx.2", withSeries, null, false);
        assertThat(updated.path("series").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void legacyEventNamespaceMustMatchTheInvolvedObject() {
        ObjectNode wrong = json(LEGACY);
        ((ObjectNode) wrong.path("involvedObject")).put("namespace", "kube-system");
        assertThatThrownBy(() -> core.store().create(core.type(), "default", wrong, false))
                .hasMessageContaining("involvedObject.namespace: Invalid value: \"kube-system\": does not match "
                        + "event.namespace");
    }

    @Test
    void putCreatesAMissingEvent() {
        ObjectNode created = core.store().update(core.type(), "default", "nginx.1", json(LEGACY), null, false);
        assertThat(created.path("metadata").path("uid").asString()).isNotEmpty();
    }

    @Test
    void fieldSelectorsFollowEachApiVersionsNames() {
        core.store().create(core.type(), "default", json(LEGACY), false);
        v1.store().create(v1.type(), "default", json(NEW_STYLE), false);
        assertThat(core.store().list(core.type(), "default", select("involvedObject.name=nginx,type=Warning"))
                .items()).hasSize(1);
        assertThat(core.store().list(core.type(), "default", select("source=default-scheduler")).items())
                .extracting(e -> e.path("reason").asString()).containsExactly("FailedScheduling");
        assertThat(v1.store().list(v1.type(), "default", select("regarding.uid=u1,source=kubelet"))
                .items()).hasSize(1);
        assertThatThrownBy(() -> v1.store().list(v1.type(), "default", select("involvedObject.name=nginx")))
                .hasMessage("field label not supported: involvedObject.name");
        assertThatThrownBy(() -> core.store().list(core.type(), "default", select("regarding.name=nginx")))
                .hasMessage("field label not supported: regarding.name");
    }

    @Test
    void eventsExpireAfterTheTtlFromTheirLastWrite() {
        core.store().create(core.type(), "default", json(LEGACY), false);
        fixture.clock.advance(Duration.ofMinutes(50));
        ObjectNode event = core.store().get(core.type(), "default", "nginx.1");
        core.store().update(core.type(), "default", "nginx.1", event.put("count", 2), null, false);
        fixture.clock.advance(Duration.ofMinutes(59));
        assertThat(core.store().get(core.type(), "default", "nginx.1").path("count").asInt()).isEqualTo(2);
        fixture.clock.advance(Duration.ofMinutes(2));
        // The store's reaper runs on its own thread and re-arms its timer on the manual clock: keep time moving.
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            fixture.clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> core.store().get(core.type(), "default", "nginx.1"))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(404));
        });
    }

    private static ListRequest select(String fields) {
        return new ListRequest(LabelSelector.EVERYTHING, FieldSelector.parse(fields), 0, null, null, null);
    }
}
