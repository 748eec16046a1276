package io.kevents.bench.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

/**
 * The ceiling of the create scenario on this machine: a Vert.x HTTP server (the library kevents' server is built
 * on) that does no work at all. A POST is answered 201 with its own body, the size of a create's answer; a GET 200
 * with an empty list. Whatever it reaches, a real server on the same machine and load generator cannot.
 */
public final class EchoServerMain {

    private EchoServerMain() {
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer().requestHandler(request -> {
            if (request.method() == HttpMethod.POST) {
                request.body().onSuccess(body -> request.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json").end(body));
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end("{\"kind\":\"EventList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}");
            }
        }).listen(Integer.parseInt(args[0]), "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        System.out.println("echo server listening on " + args[0]);
    }
}
