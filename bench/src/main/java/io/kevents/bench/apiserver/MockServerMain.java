package io.kevents.bench.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.net.InetAddress;

/**
 * Runs the peer, fabric8's {@code kubernetes-server-mock} in CRUD mode, as its own process on a given port, so that
 * it is measured the same way as kevents' server (separate JVM, same flags).
 */
public final class MockServerMain {

    private MockServerMain() {
    }

    public static void main(String[] args) throws Exception {
        // CRUD mode over plain HTTP, as the JUnit extension's crud = true builds it.
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        System.out.println("mock server listening on " + server.getPort());
        Thread.currentThread().join();
    }
}
