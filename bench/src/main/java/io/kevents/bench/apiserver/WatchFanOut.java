package io.kevents.bench.apiserver;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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

    /** The watch event's type and the object's name come within this many bytes of a line's start. */
    private static final int HEAD_BYTES = 256;

    record Result(int watchers, long written, long expectedDeliveries, long deliveries, double p50Millis,
                  double p99Millis, double maxMillis, int incompleteWatchers, double writeP50Millis,
                  double writeP99Millis) {
    }

    /**
     * Writes at {@code eventsPerSecond} for {@code warmup} then {@code duration}; latencies count only events
     * written after the warm-up (the JIT compiles the server's paths meanwhile), completeness counts every event.
     */
    static Result run(int port, int watchers, int eventsPerSecond, Duration warmup, Duration duration)
            throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient watchClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(watchers));
        // The writes get their own event loops: answers to them must not wait behind the watch streams being read,
        // or the harness's own queueing would show up as delivery latency.
        Vertx writerVertx = Vertx.vertx();
        HttpClient writeClient = writerVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setDefaultHost("127.0.0.1").setDefaultPort(port), new PoolOptions().setHttp1MaxSize(128));
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        AtomicLongArray received = new AtomicLongArray(watchers);
        long[] latencies = new long[50_000_000];
        AtomicLong deliveries = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        // Set once the watches are connected, before the first write.
        AtomicLong measureStart = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch connected = new CountDownLatch(watchers);
        String startVersion = writeClient.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/api/v1/namespaces/watchbench/events?limit=1"))
                .compose(r -> r.send()).compose(r -> r.body()).toCompletionStage().toCompletableFuture().join()
                .toString().replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");
        // Requests issued from different event-loop contexts get connections on different event loops, so that
        // reading a thousand watches uses every core of the harness, not one.
        Context[] contexts = new Context[Runtime.getRuntime().availableProcessors()];
        for (int i = 0; i < contexts.length; i++) {
            contexts[i] = vertx.getOrCreateContext();
        }
        for (int w = 0; w < watchers; w++) {
            int watcher = w;
            RequestOptions watch = new RequestOptions().setMethod(HttpMethod.GET).setURI(
                    "/api/v1/namespaces/watchbench/events?watch=true&resourceVersion=" + startVersion
                            + "&timeoutSeconds=3600");
            contexts[w % contexts.length].runOnContext(ignored -> watchClient.request(watch)
                    .compose(request -> request.send())
                    .onSuccess(response -> {
                        connected.countDown();
                        // Reads only the head of each line (where the name is): the harness must cost far less
                        // than the server it measures, both being on this machine.
                        response.handler(RecordParser.newDelimited("\n", line -> {
                            long now = System.nanoTime();
                            String head = line.getString(0, Math.min(line.length(), HEAD_BYTES));
                            int at = head.indexOf("\"name\":\"w-");
                            if (at < 0 || !head.startsWith("{\"type\":\"ADDED\"")) {
                                return;
                            }
                            String name = head.substring(at + 8, head.indexOf('"', at + 8));
                            Long sent = sentAt.get(name);
                            received.incrementAndGet(watcher);
                            deliveries.incrementAndGet();
                            if (sent != null && sent >= measureStart.get()) {
                                long slot = measured.getAndIncrement();
                                if (slot < latencies.length) {
                                    latencies[(int) slot] = now - sent;
                                }
                            }
                        }));
                    }).onFailure(error -> connected.countDown()));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("watchers did not connect");
        }
        ConcurrentLinkedQueue<Long> writeLatencies = new ConcurrentLinkedQueue<>();
        long intervalNanos = 1_000_000_000L / eventsPerSecond;
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        measureStart.set(measureFrom);
        long end = measureFrom + duration.toNanos();
        Thread writer = new Thread(() -> {
            long next = start;  // the warm-up starts at once
            long sequence = 0;
            while (next < end) {
                long now = System.nanoTime();
                if (now < next) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - now);
                    continue;
                }
                String name = "w-" + sequence++;
                long sent = System.nanoTime();
                sentAt.put(name, sent);
                Buffer body = Buffer.buffer(Payloads.event("watchbench", name, sequence % 100));
                writeClient.request(new RequestOptions().setMethod(HttpMethod.POST)
                                .setURI("/api/v1/namespaces/watchbench/events").putHeader("Content-Type",
                                        "application/json"))
                        .compose(r -> r.send(body)).compose(r -> r.body())
                        .onSuccess(ignored -> {
                            if (sent >= measureFrom) {
                                writeLatencies.add(System.nanoTime() - sent);
                            }
                        });
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
        int count = (int) Math.min(measured.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        watchClient.close();
        writeClient.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        writerVertx.close().toCompletionStage().toCompletableFuture().join();
        long[] writes = writeLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(watchers, writes.length, expected, deliveries.get(),
                count == 0 ? Double.NaN : sorted[count / 2] / 1e6,
                count == 0 ? Double.NaN : sorted[(int) (count * 0.99)] / 1e6,
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6, incomplete,
                writes.length == 0 ? Double.NaN : writes[writes.length / 2] / 1e6,
                writes.length == 0 ? Double.NaN : writes[(int) (writes.length * 0.99)] / 1e6);
    }
}
