package io.kevents.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A watch client that stops reading must not make the server hold its events without bound: once more than the
 * watch buffer waits unwritten, the server ends that watch (the client then watches again from the last
 * resourceVersion it saw), while a client that keeps reading is unaffected.
 */
class SlowWatchClientTest {

    private static final int WATCH_BUFFER_BYTES = 256 * 1024;
    private static final int EVENTS = 6_000;

    private static Cluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = Cluster.start(Duration.ofHours(1), config -> config.withWatchBufferBytes(WATCH_BUFFER_BYTES));
    }

    @AfterAll
    static void stopServer() {
        cluster.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWatchWhoseClientStopsReadingIsEndedOnceItsBufferIsFull() throws Exception {
        String namespace = cluster.createNamespace("slow-watch");
        URI url = URI.create(cluster.url());
        try (Socket stalled = new Socket()) {
            // A small receive window, so that little waits in the kernel on the client's side.
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            stalled.getOutputStream().write(("GET /api/v1/namespaces/" + namespace + "/events?watch=true HTTP/1.1\r\n"
                    + "Host: " + url.getAuthority() + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();

            flood(namespace);

            // The server ended the watch: reading what it did write reaches the end of the chunked stream, short of
            // every event.
            stalled.setSoTimeout(30_000);
            byte[] body = readUntilEndOfStream(stalled.getInputStream());
            String text = new String(body, StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            int delivered = count(text, "\"type\":\"ADDED\"");
            assertThat(delivered).isGreaterThan(0).isLessThan(EVENTS);
        }
        // Nothing was lost: every event is stored, for the client's next watch to pick up.
        assertThat(cluster.client().v1().events().inNamespace(namespace).list().getItems()).hasSize(EVENTS);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWebSocketWatchWhoseClientStopsReadingIsEndedOnceItsBufferIsFull() throws Exception {
        String namespace = cluster.createNamespace("slow-websocket");
        AtomicInteger received = new AtomicInteger();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket socket) {
                // No demand: the client reads nothing until the test asks it to.
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                if (last) {
                    received.incrementAndGet();
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        URI url = URI.create(cluster.url().replaceFirst("^http", "ws") + "/api/v1/namespaces/" + namespace
                + "/events?watch=true");
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(url, listener)
                .get(30, TimeUnit.SECONDS);

        flood(namespace);
        socket.request(1);

        // The server closed the WebSocket after what it had written, short of every event.
        closed.get(60, TimeUnit.SECONDS);
        assertThat(received.get()).isGreaterThan(0).isLessThan(EVENTS);
    }

    /**
     * Creates about 8 MB of events from 8 writers: twice the watch buffer and the kernel's socket buffers together
     * (a socket's send buffer grows to 4 MiB at most here, net.ipv4.tcp_wmem): {@link #EVENTS} of them.
     */
    private static void flood(String namespace) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                String name = "flood-" + i;
                writes.add(writers.submit(() -> cluster.client().v1().events().inNamespace(namespace)
                        .resource(TestEvents.aboutPod(namespace, name, "pod", "Pulled", "x".repeat(1200)))
                        .create()));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** Reads until the terminating chunk of a chunked body or the end of the connection. */
    private static byte[] readUntilEndOfStream(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        String end = "\r\n0\r\n\r\n";
        // The last bytes read, enough to hold the end marker across reads.
        StringBuilder tail = new StringBuilder();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            tail.append(new String(buffer, Math.max(0, n - end.length()), Math.min(n, end.length()),
                    StandardCharsets.ISO_8859_1));
            tail.delete(0, Math.max(0, tail.length() - end.length()));
            if (tail.toString().equals(end)) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
