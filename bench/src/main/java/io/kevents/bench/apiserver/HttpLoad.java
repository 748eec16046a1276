package io.kevents.bench.apiserver;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP/1.1 keep-alive load: {@code clients} connections, each with one request in flight, sending
 * the next as soon as the previous answered. Latencies are recorded for requests started in the measured window.
 */
final class HttpLoad implements AutoCloseable {

    /** Latencies kept per run at most (160 MB); later ones are not recorded. */
    private static final int MAX_LATENCIES = 20_000_000;

    private final Vertx vertx;
    private final HttpClient client;
    private final int clients;

    HttpLoad(int port, int clients) {
        this.vertx = Vertx.vertx();
        this.clients = clients;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
                .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(clients));
    }

    /**
     * Runs requests built by {@code body} (given a sequence number) as POSTs to {@code path}.
     */
    LoadResult post(String path, LongFunction<Buffer> body, Duration warmup, Duration measure) {
        return post(path, body, warmup, measure, Long.MAX_VALUE);
    }

    /** Like {@link #post(String, LongFunction, Duration, Duration)}, stopping after {@code maxRequests} as well. */
    LoadResult post(String path, LongFunction<Buffer> body, Duration warmup, Duration measure, long maxRequests) {
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        // At most maxRequests requests are sent (all loops run on one event loop), so a short run needs no more.
        long[] latencies = new long[(int) Math.max(0, Math.min(maxRequests, MAX_LATENCIES))];
        AtomicLong recorded = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicLong running = new AtomicLong(clients);
        for (int i = 0; i < clients; i++) {
            vertx.runOnContext(ignored -> loop(path, body, sequence, errors, latencies, recorded, measureFrom,
                    measureTo, maxRequests, running, done));
        }
        done.join();
        int count = (int) Math.min(recorded.get(), latencies.length);
        return new LoadResult(count, errors.get(), measure.toNanos() / 1e9, LoadResult.sorted(latencies, count));
    }

    private void loop(String path, LongFunction<Buffer> body, AtomicLong sequence, AtomicLong errors,
                      long[] latencies, AtomicLong recorded, long measureFrom, long measureTo, long maxRequests,
                      AtomicLong running, CompletableFuture<Void> done) {
        long sent = System.nanoTime();
        if (sent >= measureTo || sequence.get() >= maxRequests) {
            if (running.decrementAndGet() == 0) {
                done.complete(null);
            }
            return;
        }
        Buffer payload = body.apply(sequence.incrementAndGet());
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                        .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json"))
                .compose(request -> request.send(payload))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(result -> {
                    long now = System.nanoTime();
                    if (result.failed() || result.result() >= 300) {
                        errors.incrementAndGet();
                    } else if (sent >= measureFrom) {
                        long slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[(int) slot] = now - sent;
                        }
                    }
                    loop(path, body, sequence, errors, latencies, recorded, measureFrom, measureTo, maxRequests,
                            running, done);
                });
    }

    /** One synchronous GET, returning the status code and the body length; for lookups. */
    Future<Buffer> get(String uri) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(uri)
                        .putHeader("Accept", "application/json"))
                .compose(request -> request.send())
                .compose(response -> response.body());
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
