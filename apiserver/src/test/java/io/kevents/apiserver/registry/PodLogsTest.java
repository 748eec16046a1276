package io.kevents.apiserver.registry;

import static io.kevents.apiserver.registry.RegistryFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kevents.apiserver.http.ApiException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The answers of {@code GET .../pods/<name>/log}, with kube-apiserver's and the kubelet's texts. */
class PodLogsTest {

    @Test
    void aContainerThatRunsOrRanHasAnEmptyLog() {
        assertThat(PodLogs.log(pod("'running':{'startedAt':'2026-11-27T03:00:00Z'}"), null, false)).isEmpty();
        assertThat(PodLogs.log(pod("'terminated':{'exitCode':0,'containerID':'containerd://1'}"), "nginx", false))
                .isEmpty();
    }

    @Test
    void aContainerWaitingForItsImageGetsTheKubeletsRefusal() {
        assertRefused(pod("'waiting':{'reason':'ImagePullBackOff'}"), null,
                "container \"nginx\" in pod \"nginx-pod-test\" is waiting to start: trying and failing to pull image");
        assertRefused(pod("'waiting':{'reason':'ErrImagePull'}"), null,
                "container \"nginx\" in pod \"nginx-pod-test\" is waiting to start: image can't be pulled");
        assertRefused(pod("'waiting':{'reason':'ContainerCreating'}"), null,
                "container \"nginx\" in pod \"nginx-pod-test\" is waiting to start: ContainerCreating");
    }

    @Test
    void theContainerMustBeThePodsAndNamedWhenThereAreSeveral() {
        assertRefused(pod("'running':{}"), "redis", "container redis is not valid for pod nginx-pod-test");
        ObjectNode two = json("{'metadata':{'name':'web'},'spec':{'nodeName':'n','containers':[{'name':'app'},"
                + "{'name':'sidecar'}],'initContainers':[{'name':'setup'}]}}");
        assertRefused(two, null, "a container name must be specified for pod web, choose one of: [app sidecar] or one "
                + "of the init containers: [setup]");
    }

    @Test
    void aPodNotYetScheduledHasAnEmptyLogAndAPreviousRunMustExist() {
        ObjectNode pending = json("{'metadata':{'name':'nginx-pod-test'},'spec':{'containers':[{'name':'nginx'}]}}");
        assertThat(PodLogs.log(pending, null, false)).isEmpty();
        assertRefused(pod("'running':{}"), null, true,
                "previous terminated container \"nginx\" in pod \"nginx-pod-test\" not found");
    }

    /** The seed's nginx-pod-test, scheduled, its container in {@code state}. */
    private static ObjectNode pod(String state) {
        return json("{'metadata':{'name':'nginx-pod-test'},'spec':{'nodeName':'k8s-node01','containers':[{'name':"
                + "'nginx','image':'nginxa:1.8'}]},'status':{'containerStatuses':[{'name':'nginx','state':{" + state
                + "}}]}}");
    }

    private static void assertRefused(ObjectNode pod, String container, String message) {
        assertRefused(pod, container, false, message);
    }

    private static void assertRefused(ObjectNode pod, String container, boolean previous, String message) {
        assertThatThrownBy(() -> PodLogs.log(pod, container, previous))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
