package io.kevents.bench.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Watch fan-out: {@code watchers} chunked HTTP watches of core/v1 events while events are written at a fixed rate.
 * Measures, per delivered event, the time from the start of its POST to its arrival at a watcher (both in this
 * JVM, so one clock), and checks that every watcher received every event.
 */
final class WatchFanOut {

    record Result(int watchers, long written, long expectedDeliveries, long deliveries, double p50Millis,
                  double p99Millis, double maxMillis, int incompleteWatchers) {
    }

    static Result run(int port, int watchers, int eventsPerSecond, Duration duration) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient watchClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(watchers));
        HttpClient writeClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(16));
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicLongArray received = new AtomicLongArray(watchers);
        long[] latencies = new long[50_000_000];
        AtomicLong deliveries = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(watchers);
        String startVersion = writeClient.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/api/v1/namespaces/watchbench/events?limit=1"))
                .compose(r -> r.send()).compose(r -> r.body()).toCompletionStage().toCompletableFuture().join()
                .toString().replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            watchClient.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(
                            "/api/v1/namespaces/watchbench/events?watch=true&resourceVersion=" + startVersion
                                    + "&timeoutSeconds=3600"))
                    .compose(request -> request.send())
                    .onSuccess(response -> {
                        connected.countDown();
                        StringBuilder partial = new StringBuilder();
                        response.handler(chunk -> {
                            long now = System.nanoTime();
                            partial.append(chunk.toString(StandardCharsets.UTF_8));
                            int newline;
                            while ((newline = partial.indexOf("\n")) >= 0) {
                                String line = partial.substring(0, newline);
                                partial.delete(0, newline + 1);
                                int at = line.indexOf("\"name\":\"w-");
                                if (at < 0 || !line.startsWith("{\"type\":\"ADDED\"")) {
                                    continue;
                                }
                                String name = line.substring(at + 8, line.indexOf('"', at + 8));
                                Long sent = sentAt.get(name);
                                received.incrementAndGet(watcher);
                                long slot = deliveries.getAndIncrement();
                                if (sent != null && slot < latencies.length) {
                                    latencies[(int) slot] = now - sent;
                                }
                            }
                        });
                    }).onFailure(error -> connected.countDown());
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("watchers did not connect");
        }
        AtomicLong written = new AtomicLong();
        long intervalNanos = 1_000_000_000L / eventsPerSecond;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Thread writer = new Thread(() -> {
            long next = start;
            long sequence = 0;
            while (next < end) {
                long now = System.nanoTime();
                if (now < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    continue;
                }
                String name = "w-" + sequence++;
                sentAt.put(name, System.nanoTime());
                Buffer body = Buffer.buffer(Payloads.event("watchbench", name, sequence % 100));
                writeClient.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setURI("/api/v1/namespaces/watchbench/events").putHeader("Content-Type",
                                        "application/json"))
                        .compose(r -> r.send(body)).compose(r -> r.body())
                        .onSuccess(ignored -> written.incrementAndGet());
                next += intervalNanos;
            }
        }, "watch-bench-writer");
        writer.start();
        writer.join();
        long expected = (long) watchers * sentAt.size();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (deliveries.get() < expected && System.nanoTime() < waitUntil) {
            Thread.sleep(100);
        }
        int incomplete = 0;
        for (int w = 0; w < watchers; w++) {
            if (received.get(w) < sentAt.size()) {
                incomplete++;
            }
        }
        int count = (int) Math.min(deliveries.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        watchClient.close();
        writeClient.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        return new Result(watchers, written.get(), expected, deliveries.get(),
                count == 0 ? Double.NaN : sorted[count / 2] / 1e6,
                count == 0 ? Double.NaN : sorted[(int) (count * 0.99)] / 1e6,
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6, incomplete);
    }
}
