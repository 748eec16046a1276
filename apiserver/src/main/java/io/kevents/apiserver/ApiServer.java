package io.kevents.apiserver;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.http.ApiHandler;
import io.kevents.apiserver.http.PatchFunction;
import io.kevents.apiserver.http.Request;
import io.kevents.apiserver.http.RequestInfo;
import io.kevents.apiserver.http.Response;
import io.kevents.apiserver.registry.ListRequest;
import io.kevents.apiserver.registry.Registry;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.apiserver.watch.ChangeCache;
import io.kevents.apiserver.watch.ChunkedWatchSink;
import io.kevents.apiserver.watch.WatchSink;
import io.kevents.apiserver.watch.WatchStream;
import io.kevents.apiserver.watch.WebSocketWatchSink;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the API server, on Vert.x: the event loop only reads requests and writes answers; handlers run
 * on a worker pool (storage calls block them); watches hold no thread at all (storage calls back when something
 * changes), so thousands of open watches cost memory, not threads. Watches are served as chunked newline-delimited
 * JSON, or over a WebSocket when the client asks for an upgrade (fabric8 does).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ApiServerConfig config;
    private final Registry registry;
    private final ApiHandler handler;
    private final Vertx vertx;
    /** One server per event loop, all on one port: Vert.x spreads the connections over them. */
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final ExecutorService workers;
    private final Set<WatchStream> watches = ConcurrentHashMap.newKeySet();
    private final Map<ResourceType, ChangeCache> changeCaches = new ConcurrentHashMap<>();
    private final String address;

    private ApiServer(ApiServerConfig config, Registry registry, PatchFunction patcher) {
        this.config = config;
        this.registry = registry;
        this.handler = new ApiHandler(registry, patcher, config.clock(), config.kubernetesVersion());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "kevents-apiserver-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        int eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        try {
            this.address = config.host() + ":" + listen(eventLoops);
        } catch (CompletionException e) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            workers.shutdown();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // The one failure a user causes (another process has the port) is said plainly.
            throw cause instanceof IOException io
                    ? new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), io)
                    : e;
        }
    }

    /**
     * One server per event loop, all on one port (Vert.x hands each accepted connection to the next), each deployed
     * as its own verticle instance so that it gets its own event loop. Vert.x would give each server a different
     * port for port 0, so for "any port" a free one is picked first (again, should another process take it first).
     */
    private int listen(int instances) {
        if (config.port() != 0) {
            return listen(config.port(), instances);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return listen(freePort(), instances);
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof BindException) || attempt == 3) {
                    throw e;
                }
                servers.clear();
            }
        }
    }

    private int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(config.host()))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + config.host(), e);
        }
    }

    private int listen(int port, int instances) {
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
                .setMaxWebSocketFrameSize(16 * 1024 * 1024);
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                HttpServer server = vertx.createHttpServer(options).requestHandler(ApiServer.this::onRequest);
                servers.add(server);
                return server.listen();
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().join();
        return servers.get(0).actualPort();
    }

    /**
     * Starts serving {@code registry}: creates the system namespaces and starts its namespace watch first;
     * {@link #close()} stops that watch.
     */
    public static ApiServer start(ApiServerConfig config, Registry registry, PatchFunction patcher) {
        registry.createSystemNamespaces();
        registry.watchNamespaces();
        ApiServer apiServer;
        try {
            apiServer = new ApiServer(config, registry, patcher);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        LOG.info("Serving the Kubernetes API (v{}) on http://{}", config.kubernetesVersion(), apiServer.address);
        return apiServer;
    }

    /** The port listened on. */
    public int port() {
        return servers.get(0).actualPort();
    }

    /** {@code http://host:port}. */
    public String url() {
        return "http://" + address;
    }

    /** Open watches. */
    public int openWatches() {
        return watches.size();
    }

    @Override
    public void close() {
        watches.forEach(WatchStream::stop);
        servers.forEach(server -> server.close().toCompletionStage().toCompletableFuture().join());
        vertx.close().toCompletionStage().toCompletableFuture().join();
        registry.close();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onRequest(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        if (request.method().name().equals("GET") && isWatch(request)) {
            request.pause();
            workers.execute(() -> startWatch(request, context));
            return;
        }
        // Answers are built and written on the connection's event loop. Creates are handled there too: they only
        // decode, validate and queue a write (the namespace check reads the store only for a namespace not seen
        // before), and are answered when the group commit has made the write durable, so no thread waits for the
        // disk. Everything else may wait for storage and runs on a worker.
        Executor onEventLoop = task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
        Executor handling = isCreate(request) ? onEventLoop : workers;
        request.body().onSuccess(body -> handling.execute(() ->
                handler.handleAsync(toRequest(request, body.getBytes()), address, onEventLoop)
                        .thenAccept(response -> onEventLoop.execute(() -> write(request.response(), response)))))
                .onFailure(error -> request.response().setStatusCode(400).end());
    }

    private void startWatch(HttpServerRequest httpRequest, Context context) {
        Request request = toRequest(httpRequest, new byte[0]);
        try {
            RequestInfo info = RequestInfo.parse(httpRequest.path());
            if (info == null) {
                throw ApiException.pathNotFound();
            }
            Registry.Served served = registry.find(info.group(), info.version(), info.resource())
                    .orElseThrow(ApiException::pathNotFound);
            ListRequest listRequest = request.listRequest();
            if (info.name() != null) {
                // A watch of one named object, the legacy way: select it by name.
                listRequest = new ListRequest(listRequest.labels(), io.kevents.apiserver.selection.FieldSelector.parse(
                        "metadata.name=" + info.name()), 0, null, listRequest.resourceVersion(), null);
            }
            String namespace = served.type().namespaced() ? info.namespace() : null;
            Duration timeout = watchTimeout(request);
            boolean table = request.wantsTable();
            ListRequest selection = listRequest;
            if (httpRequest.canUpgradeToWebSocket()) {
                context.runOnContext(ignored -> httpRequest.toWebSocket().onSuccess(socket -> workers.execute(() ->
                        runWatch(served, namespace, selection,
                                new WebSocketWatchSink(socket, context, config.watchBufferBytes()), table, request,
                                timeout, socket::closeHandler))).onFailure(error ->
                        LOG.debug("WebSocket upgrade failed: {}", error.getMessage())));
                return;
            }
            HttpServerResponse response = httpRequest.response();
            context.runOnContext(ignored -> {
                response.setChunked(true);
                response.putHeader("Content-Type", "application/json");
                response.putHeader("Cache-Control", "no-cache, private");
                response.writeHead();
                httpRequest.resume();
            });
            WatchSink sink = new ChunkedWatchSink(response, context, config.watchBufferBytes());
            runWatch(served, namespace, selection, sink, table, request, timeout,
                    handler -> response.closeHandler(ignored -> handler.handle(null)));
        } catch (ApiException e) {
            context.runOnContext(ignored -> {
                httpRequest.resume();
                write(httpRequest.response(), Response.error(e));
            });
        } catch (RuntimeException e) {
            LOG.error("Internal error starting a watch of {}", httpRequest.path(), e);
            context.runOnContext(ignored -> {
                httpRequest.resume();
                write(httpRequest.response(), Response.error(ApiException.internal(e.getMessage())));
            });
        }
    }

    private void runWatch(Registry.Served served, String namespace, ListRequest selection, WatchSink sink,
                          boolean table, Request request, Duration timeout,
                          java.util.function.Consumer<io.vertx.core.Handler<Void>> onClientGone) {
        ChangeCache changes = changeCaches.computeIfAbsent(served.type(),
                type -> new ChangeCache(type, served.store()));
        WatchStream stream = new WatchStream(served.type(), served.store(), changes, namespace, selection, sink, table,
                request.param("includeObject"), request.flag("allowWatchBookmarks"), config.clock());
        watches.add(stream);
        Runnable end = () -> {
            watches.remove(stream);
            stream.stop();
        };
        try {
            onClientGone.accept(ignored -> end.run());
        } catch (IllegalStateException clientAlreadyGone) {
            // The client closed the connection before the watch started: nothing to serve.
            end.run();
            return;
        }
        try {
            stream.start(timeout);
        } catch (ApiException e) {
            // Headers are out: the status can only go into the stream, as kube-apiserver does.
            sink.send(WatchStream.errorEvent(e));
            end.run();
        } catch (RuntimeException e) {
            LOG.error("Internal error in a watch of {}", served.type().resource(), e);
            end.run();
        }
    }

    private Duration watchTimeout(Request request) {
        String seconds = request.param("timeoutSeconds");
        if (seconds != null && !seconds.isEmpty()) {
            try {
                long value = Long.parseLong(seconds);
                if (value > 0) {
                    return Duration.ofSeconds(value);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid timeoutSeconds: " + seconds);
            }
        }
        long min = config.minWatchTimeout().toMillis();
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(Math.max(1, min)));
    }

    /** A POST to a collection (not to a named object or its subresource, such as a binding). */
    private static boolean isCreate(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST) {
            return false;
        }
        RequestInfo info = RequestInfo.parse(request.path());
        return info != null && info.name() == null;
    }

    private static boolean isWatch(HttpServerRequest request) {
        String watch = request.getParam("watch");
        if (watch != null) {
            return switch (watch) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                default -> false;
            };
        }
        return request.path().contains("/watch/");
    }

    private static Request toRequest(HttpServerRequest request, byte[] body) {
        Map<String, String> query = new HashMap<>();
        request.params().forEach(entry -> query.putIfAbsent(entry.getKey(), entry.getValue()));
        String path = request.path().replace("/watch/", "/");
        String accept = request.getHeader("Accept");
        String contentType = request.getHeader("Content-Type");
        return new Request(request.method().name(), path, query, accept == null ? "" : accept,
                contentType == null ? "" : contentType, body);
    }

    private static void write(HttpServerResponse response, Response answer) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        response.putHeader("Content-Type", answer.contentType());
        response.end(Buffer.buffer(answer.body()));
    }
}
