package io.kevents.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestInfoTest {

    @Test
    void parsesCoreAndGroupPaths() {
        assertThat(RequestInfo.parse("/api/v1/namespaces/default/pods/nginx/binding"))
                .isEqualTo(new RequestInfo("", "v1", "default", "pods", "nginx", "binding"));
        assertThat(RequestInfo.parse("/api/v1/events"))
                .isEqualTo(new RequestInfo("", "v1", null, "events", null, null));
        assertThat(RequestInfo.parse("/apis/events.k8s.io/v1/namespaces/default/events/e.1"))
                .isEqualTo(new RequestInfo("events.k8s.io", "v1", "default", "events", "e.1", null));
        assertThat(RequestInfo.parse("/api/v1/nodes/k8s-node01/status"))
                .isEqualTo(new RequestInfo("", "v1", null, "nodes", "k8s-node01", "status"));
    }

    @Test
    void theNamespacesResourceHasNamesNotNamespaces() {
        assertThat(RequestInfo.parse("/api/v1/namespaces/kube-system"))
                .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "kube-system", null));
        assertThat(RequestInfo.parse("/api/v1/namespaces"))
                .isEqualTo(new RequestInfo("", "v1", null, "namespaces", null, null));
    }

    @Test
    void aNamespacesOwnSubresourcesAreNotResourcesInIt() {
        assertThat(RequestInfo.parse("/api/v1/namespaces/team-a/status"))
                .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "team-a", "status"));
        assertThat(RequestInfo.parse("/api/v1/namespaces/team-a/finalize"))
                .isEqualTo(new RequestInfo("", "v1", null, "namespaces", "team-a", "finalize"));
        assertThat(RequestInfo.parse("/api/v1/namespaces/team-a/pods"))
                .isEqualTo(new RequestInfo("", "v1", "team-a", "pods", null, null));
    }

    @Test
    void discoveryPathsAreNotResourceRequests() {
        assertThat(RequestInfo.parse("/api/v1")).isNull();
        assertThat(RequestInfo.parse("/apis/events.k8s.io/v1")).isNull();
        assertThat(RequestInfo.parse("/version")).isNull();
    }
}
