package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.model.EventNames;
import io.kevents.model.KubeTime;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.WriteResult;
import io.kevents.time.Clock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic part of every resource (kube-apiserver's generic registry store): objects kept as JSON in a
 * {@link KeyValueStore} under the resource's prefix, {@code metadata.resourceVersion} = the storage modRevision,
 * optimistic concurrency on it, uid/creationTimestamp/generateName on create, paging at one consistent revision,
 * label and field selectors. Per-kind behaviour comes from the {@link ResourceStrategy}.
 *
 * <p>Methods block on storage; the HTTP layer calls them from its worker threads.
 */
public final class ResourceStore {

    private static final String NAME_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_CONFLICT_RETRIES = 8;
    /** Tree equality where 300 and 300L are the same number (a parsed and a built tree differ in node types). */
    private static final java.util.function.BiPredicate<ObjectNode, ObjectNode> SAME_VALUES = (a, b) ->
            a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue())
                    : x.equals(y) ? 0 : 1, b);

    private final ResourceType storageType;
    private final ResourceStrategy strategy;
    private final KeyValueStore kv;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param storageType the version objects are stored in (core/v1 for both event APIs); stored objects carry its
     *                    kind and apiVersion, as in etcd
     */
    public ResourceStore(ResourceType storageType, ResourceStrategy strategy, KeyValueStore kv, Clock clock) {
        this.storageType = storageType;
        this.strategy = strategy;
        this.kv = kv;
        this.clock = clock;
    }

    /** The strategy of this resource. */
    public ResourceStrategy strategy() {
        return strategy;
    }

    /** The underlying storage. */
    public KeyValueStore storage() {
        return kv;
    }

    // ---------------------------------------------------------------- reads

    /** One object in the served version; 404 when absent. */
    public ObjectNode get(ResourceType served, String namespace, String name) {
        KeyValue stored = await(kv.get(served.key(namespace, name))).orElseThrow(
                () -> ApiException.notFound(served.group(), served.resource(), name));
        return serve(served, StoredObject.of(stored));
    }

    /** One object in stored form with its modRevision, or {@code null}. */
    StoredObject getStored(ResourceType served, String namespace, String name) {
        return await(kv.get(served.key(namespace, name))).map(StoredObject::of).orElse(null);
    }

    /** Whether the object exists now; for callers that must not wait for storage (an event loop). */
    CompletableFuture<Boolean> exists(ResourceType served, String namespace, String name) {
        return kv.get(served.key(namespace, name)).handle((found, failure) -> {
            if (failure != null) {
                throw storageFailure(failure);
            }
            return found.isPresent();
        });
    }

    /** A page of objects matching {@code request}, in the served version. */
    public ListPage list(ResourceType served, String namespace, ListRequest request) {
        FieldSelector fields = convertFields(served, request.fields());
        long revision = 0;
        String startKey = null;
        if (request.continueToken() != null && !request.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(request.continueToken());
            revision = token.revision();
            startKey = token.startKey();
        } else {
            revision = listRevision(request);
        }
        Map<String, String> hint = strategy.indexHint(fields);
        String prefix = served.prefix(namespace);
        List<ObjectNode> items = new ArrayList<>();
        int limit = request.limit();
        while (true) {
            int want = limit <= 0 ? 0 : Math.max(limit - items.size(), 1);
            ListResult page = awaitList(kv.list(prefix, new ListOptions(revision, startKey, want, hint)));
            revision = page.revision();
            for (Iterator<KeyValue> it = page.items().iterator(); it.hasNext(); ) {
                KeyValue item = it.next();
                StoredObject stored = StoredObject.of(item);
                if (!matches(stored.object(), request, fields)) {
                    continue;
                }
                items.add(serve(served, stored));
                if (limit > 0 && items.size() == limit) {
                    String next = it.hasNext() ? it.next().key() : page.nextStartKey();
                    return new ListPage(items, revision,
                            next == null ? null : new ContinueToken(revision, next).encode());
                }
            }
            if (!page.hasMore()) {
                return new ListPage(items, revision, null);
            }
            startKey = page.nextStartKey();
        }
    }

    /** The field selector in stored names, checked against what the served version supports. */
    public FieldSelector convertFields(ResourceType served, FieldSelector fields) {
        UnaryOperator<String> conversion = label -> strategy.convertFieldLabel(label, served);
        try {
            return fields.convert(conversion, strategy.fieldLabels());
        } catch (io.kevents.apiserver.selection.SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Whether a stored object matches the request's label selector and the (converted) field selector. */
    public boolean matches(ObjectNode stored, ListRequest request, FieldSelector convertedFields) {
        // Empty selectors match anything: skip building the label and field maps, once per listed or watched item.
        return (request.labels().isEmpty() || request.labels().matches(labels(stored)))
                && (convertedFields.isEmpty() || convertedFields.matches(strategy.fields(stored)));
    }

    private long listRevision(ListRequest request) {
        String rv = request.resourceVersion();
        String match = request.resourceVersionMatch();
        if (match != null && !match.isEmpty()) {
            if (rv == null || rv.isEmpty()) {
                throw ApiException.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
            }
            if (!match.equals("NotOlderThan") && !match.equals("Exact")) {
                throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                        + "\": supported values: \"Exact\", \"NotOlderThan\"");
            }
            if (match.equals("Exact") && rv.equals("0")) {
                throw ApiException.badRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
            }
        }
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        long requested = parseResourceVersion(rv);
        long current = await(kv.currentRevision());
        if (requested > current) {
            throw ApiException.timeout("Too large resource version: " + requested + ", current: " + current);
        }
        return "Exact".equals(match) ? requested : 0;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Creates {@code given} (served version) in {@code namespace}; returns it as stored, in the served version.
     * {@code given} becomes the server's: callers pass a tree they do not use afterwards (a parsed request body).
     */
    public ObjectNode create(ResourceType served, String namespace, ObjectNode given, boolean dryRun) {
        return await(createAsync(served, namespace, given, dryRun, Runnable::run));
    }

    /**
     * {@link #create}, completing when the write is durable instead of waiting for it: invalid objects fail at once
     * (with an {@link ApiException}); the returned future fails with one for a name taken or a storage failure.
     * The served object is built on {@code completions}, not on the store's thread that made the write durable
     * (which would otherwise do it before syncing the next writes).
     */
    public CompletableFuture<ObjectNode> createAsync(ResourceType served, String namespace, ObjectNode given,
                                                     boolean dryRun, Executor completions) {
        ObjectNode object = stamped(strategy.toStored(given, served));
        strategy.normalize(object);
        ObjectNode meta = Json.objectAt(object, "metadata");
        setNamespace(served, namespace, meta);
        String name = meta.path("name").asString("");
        String generateName = meta.path("generateName").asString("");
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                throw ApiException.invalid(served.group(), served.kind(), "", List.of(new ApiException.Cause(
                        "FieldValueRequired", "Required value: name or generateName is required", "metadata.name")));
            }
            name = generateName + randomSuffix();
            meta.put("name", name);
        }
        validateName(served, name);
        meta.remove("resourceVersion");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", KubeTime.formatTime(clock.now()));
        meta.remove("deletionTimestamp");
        strategy.prepareForCreate(object);
        List<ApiException.Cause> causes = strategy.validate(object, null, served);
        if (!causes.isEmpty()) {
            throw ApiException.invalid(served.group(), served.kind(), name, causes);
        }
        if (dryRun) {
            return CompletableFuture.completedFuture(serve(served, object, 0));
        }
        String createdName = name;
        return kv.create(served.key(namespace, name), Json.bytes(object), strategy.indexAttributes(object),
                strategy.ttl()).handleAsync((result, failure) -> {
                    if (failure != null) {
                        throw storageFailure(failure);
                    }
                    if (result instanceof WriteResult.Written written) {
                        return serve(served, object, written.kv().modRevision());
                    }
                    throw ApiException.alreadyExists(served.group(), served.resource(), createdName);
                }, completions);
    }

    /**
     * Replaces an object (PUT). {@code metadata.resourceVersion} in the body, when set, must be current (409
     * otherwise). For {@code subresource} "status" only the status changes.
     */
    public ObjectNode update(ResourceType served, String namespace, String name, ObjectNode given,
                             String subresource, boolean dryRun) {
        String bodyName = given.path("metadata").path("name").asString("");
        if (!bodyName.isEmpty() && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        String precondition = given.path("metadata").path("resourceVersion").asString("");
        return mutate(served, namespace, name, subresource, dryRun, precondition.isEmpty() ? null : precondition,
                current -> {
                    ObjectNode replacement = strategy.toStored(given.deepCopy(), served);
                    Json.objectAt(replacement, "metadata").put("name", name);
                    return replacement;
                }, () -> {
                    if (!strategy.allowCreateOnUpdate() || subresource != null) {
                        throw ApiException.notFound(served.group(), served.resource(), name);
                    }
                    return create(served, namespace, given, dryRun);
                });
    }

    /**
     * Applies {@code change} to the current object and writes the result, retrying on conflicting writes unless
     * {@code precondition} pins a resourceVersion.
     *
     * @param change  from the current stored object (a copy) to the new stored object
     * @param missing what to do when the object does not exist
     */
    public ObjectNode mutate(ResourceType served, String namespace, String name, String subresource, boolean dryRun,
                             String precondition, UnaryOperator<ObjectNode> change,
                             java.util.function.Supplier<ObjectNode> missing) {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = getStored(served, namespace, name);
            if (current == null) {
                return missing.get();
            }
            if (precondition != null && !precondition.equals(Long.toString(current.modRevision()))) {
                throw ApiException.conflict(served.group(), served.resource(), name,
                        "the object has been modified; please apply your changes to the latest version and try again");
            }
            ObjectNode updated = stamped(change.apply(current.object().deepCopy()));
            strategy.normalize(updated);
            ObjectNode meta = Json.objectAt(updated, "metadata");
            ObjectNode oldMeta = (ObjectNode) current.object().get("metadata");
            meta.set("uid", oldMeta.get("uid"));
            meta.set("creationTimestamp", oldMeta.get("creationTimestamp"));
            meta.put("name", name);
            setNamespace(served, namespace, meta);
            meta.remove("resourceVersion");
            strategy.prepareForUpdate(updated, current.object(), subresource);
            List<ApiException.Cause> causes = strategy.validate(updated, current.object(), served);
            if (!causes.isEmpty()) {
                throw ApiException.invalid(served.group(), served.kind(), name, causes);
            }
            if (SAME_VALUES.test(updated, current.object()) || dryRun) {
                // Kubernetes skips a write that changes nothing: no new resourceVersion, no TTL refresh.
                return serve(served, dryRun ? updated : current.object(), current.modRevision());
            }
            WriteResult result = await(kv.update(served.key(namespace, name), current.modRevision(),
                    Json.bytes(updated), strategy.indexAttributes(updated), strategy.ttl()));
            if (result instanceof WriteResult.Written written) {
                return serve(served, updated, written.kv().modRevision());
            }
            if (result instanceof WriteResult.NotFound) {
                return missing.get();
            }
            if (precondition != null || attempt >= MAX_CONFLICT_RETRIES) {
                throw ApiException.conflict(served.group(), served.resource(), name,
                        "the object has been modified; please apply your changes to the latest version and try again");
            }
        }
    }

    /**
     * Deletes an object; returns what was deleted (served version). {@code preconditionUid} and
     * {@code preconditionResourceVersion} (from DeleteOptions) must match when given.
     */
    public ObjectNode delete(ResourceType served, String namespace, String name, String preconditionUid,
                             String preconditionResourceVersion, boolean dryRun) {
        for (int attempt = 0; ; attempt++) {
            StoredObject current = getStored(served, namespace, name);
            if (current == null) {
                throw ApiException.notFound(served.group(), served.resource(), name);
            }
            String uid = current.object().path("metadata").path("uid").asString("");
            if (preconditionUid != null && !preconditionUid.isEmpty() && !preconditionUid.equals(uid)) {
                throw ApiException.conflict(served.group(), served.resource(), name,
                        "Precondition failed: UID in precondition: " + preconditionUid + ", UID in object meta: " + uid);
            }
            if (preconditionResourceVersion != null && !preconditionResourceVersion.isEmpty()
                    && !preconditionResourceVersion.equals(Long.toString(current.modRevision()))) {
                throw ApiException.conflict(served.group(), served.resource(), name,
                        "Precondition failed: ResourceVersion in precondition: " + preconditionResourceVersion
                                + ", ResourceVersion in object meta: " + current.modRevision());
            }
            if (dryRun) {
                return serve(served, current);
            }
            WriteResult result = await(kv.delete(served.key(namespace, name), current.modRevision()));
            if (result instanceof WriteResult.Written written) {
                return serve(served, current.object(), written.kv().modRevision());
            }
            if (result instanceof WriteResult.NotFound) {
                throw ApiException.notFound(served.group(), served.resource(), name);
            }
            if (attempt >= MAX_CONFLICT_RETRIES) {
                throw ApiException.conflict(served.group(), served.resource(), name, "the object keeps changing");
            }
        }
    }

    /** Deletes every object in {@code namespace} (all namespaces when null) that matches; returns them. */
    public List<ObjectNode> deleteCollection(ResourceType served, String namespace, ListRequest request,
                                             boolean dryRun) {
        List<ObjectNode> deleted = new ArrayList<>();
        for (ObjectNode object : list(served, namespace, request).items()) {
            String objectNamespace = Json.text(object, "metadata.namespace");
            String name = Json.text(object, "metadata.name");
            try {
                deleted.add(delete(served, served.namespaced() ? objectNamespace : null, name, null, null, dryRun));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return deleted;
    }

    // ---------------------------------------------------------------- helpers

    /** A stored object in the served version, with its resourceVersion. */
    public ObjectNode serve(ResourceType served, StoredObject stored) {
        return serve(served, stored.object(), stored.modRevision());
    }

    ObjectNode serve(ResourceType served, ObjectNode stored, long modRevision) {
        ObjectNode out = strategy.toServed(stored, served);
        ObjectNode result = Json.object();
        result.put("kind", served.kind());
        result.put("apiVersion", served.apiVersion());
        out.properties().forEach(entry -> {
            if (!entry.getKey().equals("kind") && !entry.getKey().equals("apiVersion")) {
                result.set(entry.getKey(), entry.getValue());
            }
        });
        if (modRevision > 0) {
            Json.objectAt(result, "metadata").put("resourceVersion", Long.toString(modRevision));
        }
        return result;
    }

    /** {@code object} with the storage version's kind and apiVersion first, as Kubernetes writes it to etcd. */
    private ObjectNode stamped(ObjectNode object) {
        ObjectNode result = Json.object();
        result.put("kind", storageType.kind());
        result.put("apiVersion", storageType.apiVersion());
        object.properties().forEach(entry -> {
            if (!entry.getKey().equals("kind") && !entry.getKey().equals("apiVersion")) {
                result.set(entry.getKey(), entry.getValue());
            }
        });
        return result;
    }

    private static Map<String, String> labels(ObjectNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        if (!labels.isObject() || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> result = new java.util.HashMap<>();
        labels.properties().forEach(entry -> result.put(entry.getKey(), entry.getValue().asString("")));
        return result;
    }

    private void setNamespace(ResourceType served, String namespace, ObjectNode meta) {
        if (!served.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String bodyNamespace = meta.path("namespace").asString("");
        if (!bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent "
                    + "on the request");
        }
        meta.put("namespace", namespace);
    }

    private void validateName(ResourceType served, String name) {
        String problem = null;
        if (name.equals(".") || name.equals("..")) {
            problem = "may not be '" + name + "'";
        } else if (name.contains("/") || name.contains("%")) {
            problem = "may not contain '/' or '%'";
        } else if (strategy.requiresDnsSubdomainName(served) && !EventNames.isDnsSubdomain(name)) {
            problem = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.',"
                    + " and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        }
        if (problem != null) {
            throw ApiException.invalid(served.group(), served.kind(), name, List.of(new ApiException.Cause(
                    "FieldValueInvalid", "Invalid value: \"" + name + "\": " + problem, "metadata.name")));
        }
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_SUFFIX_ALPHABET.charAt(random.nextInt(NAME_SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }

    /** Parses a resourceVersion parameter; 400 when it is not a number. */
    public static long parseResourceVersion(String rv) {
        try {
            long value = Long.parseLong(rv);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + rv);
        }
    }

    private ListResult awaitList(java.util.concurrent.CompletableFuture<ListResult> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StorageException.Compacted) {
                throw ApiException.expired("The provided continue parameter is too old to display a consistent list "
                        + "result. You can start a new list without the continue parameter.");
            }
            throw storageFailure(e);
        }
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw storageFailure(e);
        }
    }

    private static ApiException storageFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ApiException api) {
            return api;
        }
        return ApiException.internal("storage: " + cause.getMessage());
    }

    /**
     * An object as stored, with its revision.
     *
     * @param object      the stored form
     * @param modRevision its resourceVersion
     */
    public record StoredObject(ObjectNode object, long modRevision) {
        static StoredObject of(KeyValue kv) {
            return new StoredObject(Json.parseObject(kv.value()), kv.modRevision());
        }
    }
}
