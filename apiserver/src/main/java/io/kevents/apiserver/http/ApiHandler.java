package io.kevents.apiserver.http;

import io.kevents.apiserver.discovery.Discovery;
import io.kevents.apiserver.discovery.OpenApiDocument;
import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ListPage;
import io.kevents.apiserver.registry.PodLogs;
import io.kevents.apiserver.registry.Registry;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.apiserver.table.Tables;
import io.kevents.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers every request except watches: discovery, OpenAPI, and get/list/create/update/patch/delete on the
 * served resources. Errors become Kubernetes Status answers. Creates never wait for storage (their answer follows
 * the durable write); every other request may, so the server calls this for them on worker threads.
 */
public final class ApiHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiHandler.class);

    private final Registry registry;
    private final Discovery discovery;
    private final PatchFunction patcher;
    private final Clock clock;
    private final String kubernetesVersion;
    private final byte[] openApi;

    public ApiHandler(Registry registry, PatchFunction patcher, Clock clock, String kubernetesVersion) {
        this.registry = registry;
        this.discovery = new Discovery(registry);
        this.patcher = patcher;
        this.clock = clock;
        this.kubernetesVersion = kubernetesVersion;
        this.openApi = OpenApiDocument.minimal(kubernetesVersion);
    }

    /**
     * Answers {@code request}. Everything but a create is answered before this returns; a create returns as soon as
     * its write is queued, and its answer is built on {@code answers} once the write is durable, so the calling
     * thread does not wait for the disk.
     */
    public CompletionStage<Response> handleAsync(Request request, String serverAddress, Executor answers) {
        CompletionStage<Response> answer;
        try {
            answer = dispatch(request, serverAddress, answers)
                    .exceptionally(failure -> errorResponse(request, failure instanceof CompletionException e
                            && e.getCause() != null ? e.getCause() : failure));
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(errorResponse(request, e));
        }
        return request.wantsYaml() ? answer.thenApply(Response::inYaml) : answer;
    }

    /** Errors become Status answers; a bug of ours is logged once, here, and answered 500, never with a trace. */
    private static Response errorResponse(Request request, Throwable failure) {
        if (failure instanceof ApiException e) {
            return Response.error(e);
        }
        if (failure instanceof Json.InvalidJsonException e) {
            return Response.error(ApiException.badRequest("the request body is not valid JSON: " + e.getMessage()));
        }
        LOG.error("Internal error answering {} {}", request.method(), request.path(), failure);
        return Response.error(ApiException.internal(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    private CompletionStage<Response> dispatch(Request request, String serverAddress, Executor answers) {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        switch (path) {
            case "/version" -> {
                return done(Response.json(200, Discovery.version(kubernetesVersion)));
            }
            case "/api" -> {
                return done(Response.json(200, discovery.coreVersions(serverAddress)));
            }
            case "/apis" -> {
                return done(Response.json(200, discovery.groups()));
            }
            case "/openapi/v2", "/swagger-2.0.0.pb-v1" -> {
                return done(new Response(200, OpenApiDocument.PROTOBUF_CONTENT_TYPE, openApi));
            }
            case "/healthz", "/readyz", "/livez" -> {
                return done(new Response(200, "text/plain; charset=utf-8", "ok".getBytes()));
            }
            default -> {
            }
        }
        RequestInfo info = RequestInfo.parse(path);
        if (info == null) {
            return done(discoveryDocument(path));
        }
        Registry.Served served = registry.find(info.group(), info.version(), info.resource())
                .orElseThrow(ApiException::pathNotFound);
        return resourceRequest(request, info, served, answers);
    }

    private Response discoveryDocument(String path) {
        String[] parts = path.substring(1).split("/");
        ObjectNode document = null;
        if (parts.length == 2 && parts[0].equals("api")) {
            document = discovery.resources(parts[1]);
        } else if (parts.length == 2 && parts[0].equals("apis")) {
            document = discovery.namedGroup(parts[1]);
        } else if (parts.length == 3 && parts[0].equals("apis")) {
            document = discovery.resources(parts[1] + "/" + parts[2]);
        }
        if (document == null) {
            throw ApiException.pathNotFound();
        }
        return Response.json(200, document);
    }

    private CompletionStage<Response> resourceRequest(Request request, RequestInfo info, Registry.Served served,
                                                      Executor answers) {
        ResourceType type = served.type();
        if (type.namespaced() && info.namespace() == null && info.name() != null) {
            throw ApiException.pathNotFound();
        }
        if (info.subresource() != null && !type.subresources().contains(info.subresource())) {
            throw ApiException.pathNotFound();
        }
        String namespace = type.namespaced() ? info.namespace() : null;
        if ("log".equals(info.subresource())) {
            if (!request.method().equals("GET")) {
                throw ApiException.methodNotAllowed(request.method() + " is not supported on pods/log");
            }
            String log = PodLogs.log(served.store().get(type, namespace, info.name()), request.param("container"),
                    request.flag("previous"));
            return done(new Response(200, "text/plain", log.getBytes(StandardCharsets.UTF_8)));
        }
        if (request.method().equals("POST") && info.name() == null) {
            CompletionStage<Void> admitted = type.namespaced() ? registry.requireNamespace(namespace)
                    : CompletableFuture.completedFuture(null);
            // A namespace read from the store completes on a storage thread: the create goes on with the answers.
            return admitted.thenComposeAsync(ignored -> served.store().createAsync(type, namespace,
                            request.bodyObject(), request.dryRun(), answers), answers)
                    .thenApply(created -> Response.json(201, created));
        }
        return done(switch (request.method()) {
            case "GET" -> info.name() == null ? list(request, served, namespace)
                    : one(request, type, served.store().get(type, namespace, info.name()));
            case "POST" -> {
                if ("binding".equals(info.subresource())) {
                    yield bind(request, served, namespace, info.name());
                }
                throw ApiException.methodNotAllowed("POST is not supported on a named " + type.resource());
            }
            case "PUT" -> {
                requireName(info);
                yield Response.json(200, served.store().update(type, namespace, info.name(),
                        request.bodyObject(), info.subresource(), request.dryRun()));
            }
            case "PATCH" -> {
                requireName(info);
                yield Response.json(200, patch(request, served, namespace, info));
            }
            case "DELETE" -> info.name() == null ? deleteCollection(request, served, namespace)
                    : delete(request, served, namespace, info.name());
            default -> throw ApiException.methodNotAllowed(request.method() + " is not supported");
        });
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }

    private Response one(Request request, ResourceType type, ObjectNode object) {
        if (request.wantsTable()) {
            return Response.json(200, Tables.table(type, List.of(object),
                    object.path("metadata").path("resourceVersion").asString(null), null, request.param("includeObject"),
                    true, clock.now()));
        }
        return Response.json(200, object);
    }

    private Response list(Request request, Registry.Served served, String namespace) {
        ResourceType type = served.type();
        ListPage page = served.store().list(type, namespace, request.listRequest());
        String resourceVersion = Long.toString(page.resourceVersion());
        if (request.wantsTable()) {
            return Response.json(200, Tables.table(type, page.items(), resourceVersion, page.continueToken(),
                    request.param("includeObject"), true, clock.now()));
        }
        ObjectNode list = Json.object();
        list.put("kind", type.kind() + "List");
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", resourceVersion);
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
        }
        ArrayNode items = list.putArray("items");
        for (ObjectNode item : page.items()) {
            // Real servers leave kind and apiVersion out of list items.
            item.remove("kind");
            item.remove("apiVersion");
            items.add(item);
        }
        return Response.json(200, list);
    }

    private ObjectNode patch(Request request, Registry.Served served, String namespace, RequestInfo info) {
        ResourceType type = served.type();
        String contentType = request.contentType();
        ObjectNode patchBody = null;
        String precondition = null;
        if (contentType.startsWith("application/merge-patch+json")
                || contentType.startsWith("application/strategic-merge-patch+json")) {
            patchBody = Json.parseObject(request.body());
            precondition = patchBody.path("metadata").path("resourceVersion").asString(null);
        }
        return served.store().mutate(type, namespace, info.name(), info.subresource(), request.dryRun(),
                precondition, current -> {
                    ObjectNode servedForm = served.store().serve(type,
                            new io.kevents.apiserver.registry.ResourceStore.StoredObject(current, 0));
                    ObjectNode patched = patcher.apply(contentType, type.kind(), servedForm, request.body());
                    return served.store().strategy().toStored(patched, type);
                }, () -> {
                    throw ApiException.notFound(type.group(), type.resource(), info.name());
                });
    }

    private Response bind(Request request, Registry.Served served, String namespace, String name) {
        ResourceType type = served.type();
        ObjectNode binding = request.bodyObject();
        String node = binding.path("target").path("name").asString("");
        if (node.isEmpty()) {
            throw ApiException.invalid("", "Binding", name, List.of(new ApiException.Cause("FieldValueRequired",
                    "Required value", "target.name")));
        }
        served.store().mutate(type, namespace, name, "binding", request.dryRun(), null, pod -> {
            String assigned = pod.path("spec").path("nodeName").asString("");
            if (!assigned.isEmpty()) {
                throw ApiException.conflict("", "pods", name, "pod " + name + " is already assigned to node \""
                        + assigned + "\"");
            }
            Json.objectAt(pod, "spec").put("nodeName", node);
            PodConditions.set(pod, "PodScheduled", "True", null, null, clock.now());
            return pod;
        }, () -> {
            throw ApiException.notFound("", "pods", name);
        });
        return Response.json(201, success(name, type.resource(), null));
    }

    private Response delete(Request request, Registry.Served served, String namespace, String name) {
        ResourceType type = served.type();
        ObjectNode options = request.body().length == 0 ? Json.object() : request.bodyObject();
        boolean dryRun = request.dryRun() || options.path("dryRun").isArray() && !options.path("dryRun").isEmpty();
        ObjectNode deleted = isNamespaces(type)
                ? registry.deleteNamespace(name, dryRun)
                : served.store().delete(type, namespace, name,
                        options.path("preconditions").path("uid").asString(null),
                        options.path("preconditions").path("resourceVersion").asString(null), dryRun);
        if (served.store().strategy().returnsDeletedObject()) {
            return Response.json(200, deleted);
        }
        return Response.json(200, success(name, type.resource(), deleted.path("metadata").path("uid").asString(null)));
    }

    /** Namespaces are deleted with their contents, through the registry. */
    private static boolean isNamespaces(ResourceType type) {
        return type.resource().equals("namespaces") && type.group().isEmpty();
    }

    private Response deleteCollection(Request request, Registry.Served served, String namespace) {
        ResourceType type = served.type();
        List<ObjectNode> deleted = isNamespaces(type)
                ? registry.deleteNamespaces(request.listRequest(), request.dryRun())
                : served.store().deleteCollection(type, namespace, request.listRequest(), request.dryRun());
        ObjectNode list = Json.object();
        list.put("kind", type.kind() + "List");
        list.put("apiVersion", type.apiVersion());
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        deleted.forEach(items::add);
        return Response.json(200, list);
    }

    private static ObjectNode success(String name, String resource, String uid) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        details.put("kind", resource);
        if (uid != null) {
            details.put("uid", uid);
        }
        return status;
    }

    private static void requireName(RequestInfo info) {
        if (info.name() == null) {
            throw ApiException.methodNotAllowed("the collection of " + info.resource() + " cannot be replaced or "
                    + "patched; name an object");
        }
    }
}
