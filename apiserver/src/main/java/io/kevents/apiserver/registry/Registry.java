package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.json.Json;
import io.kevents.storage.KeyValueStore;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything the server serves: each resource of each group-version with the store that keeps it. The two event
 * APIs share one store (one object, two views), as in Kubernetes.
 */
public final class Registry implements AutoCloseable {

    /** How long a failed namespace watch waits before it is opened again. */
    private static final Duration NAMESPACE_WATCH_RETRY = Duration.ofSeconds(1);

    /**
     * One served resource.
     *
     * @param type  how it is served
     * @param store where it is kept
     */
    public record Served(ResourceType type, ResourceStore store) {
    }

    private final List<Served> served;
    private final Served namespaces;
    private final NamespaceLifecycle namespaceLifecycle;
    private final NamespaceWatch namespaceWatch;

    private Registry(List<Served> served) {
        this.served = List.copyOf(served);
        this.namespaces = find("", "v1", "namespaces").orElseThrow();
        this.namespaceLifecycle = new NamespaceLifecycle(
                name -> namespaces.store().exists(namespaces.type(), null, name));
        this.namespaceWatch = new NamespaceWatch(namespaces.store().storage(), namespaces.type().storagePrefix(),
                namespaceLifecycle, CompletableFuture.delayedExecutor(NAMESPACE_WATCH_RETRY.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /**
     * The standard catalog.
     *
     * @param storeForPrefix the store that keeps objects under a storage prefix (events may have their own)
     * @param eventTtl       {@code --event-ttl}
     */
    public static Registry standard(Function<String, KeyValueStore> storeForPrefix, Clock clock, Duration eventTtl) {
        List<Served> served = new ArrayList<>();
        ResourceType pods = new ResourceType("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of("all"),
                List.of("status", "binding", "log"), "/registry/pods/");
        ResourceType nodes = new ResourceType("", "v1", "nodes", "node", "Node", false, List.of("no"), List.of(),
                List.of("status"), "/registry/minions/");
        ResourceType namespaces = new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false,
                List.of("ns"), List.of(), List.of("status"), "/registry/namespaces/");
        ResourceType configMaps = new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", true,
                List.of("cm"), List.of(), List.of(), "/registry/configmaps/");
        ResourceType coreEvents = new ResourceType("", "v1", "events", "event", "Event", true, List.of("ev"),
                List.of(), List.of(), "/registry/events/");
        ResourceType events = new ResourceType(EventStrategy.EVENTS_GROUP, "v1", "events", "event", "Event", true,
                List.of("ev"), List.of(), List.of(), "/registry/events/");
        ResourceType leases = new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true,
                List.of(), List.of(), List.of(), "/registry/leases/");

        ResourceStore eventStore = new ResourceStore(coreEvents, new EventStrategy(eventTtl),
                storeForPrefix.apply(coreEvents.storagePrefix()), clock);
        served.add(new Served(pods, new ResourceStore(pods, new PodStrategy(), storeForPrefix.apply(
                pods.storagePrefix()), clock)));
        served.add(new Served(nodes, new ResourceStore(nodes, new NodeStrategy(), storeForPrefix.apply(
                nodes.storagePrefix()), clock)));
        served.add(new Served(namespaces, new ResourceStore(namespaces, new NamespaceStrategy(),
                storeForPrefix.apply(namespaces.storagePrefix()), clock)));
        served.add(new Served(configMaps, new ResourceStore(configMaps, new PlainStrategy(),
                storeForPrefix.apply(configMaps.storagePrefix()), clock)));
        served.add(new Served(coreEvents, eventStore));
        served.add(new Served(events, eventStore));
        served.add(new Served(leases, new ResourceStore(leases, new PlainStrategy(),
                storeForPrefix.apply(leases.storagePrefix()), clock)));
        return new Registry(served);
    }

    /** Every served resource, core first (so {@code events} resolves to core/v1, as kubectl expects). */
    public List<Served> served() {
        return served;
    }

    /** The resource served at {@code group/version/resource}. */
    public Optional<Served> find(String group, String version, String resource) {
        return served.stream().filter(s -> s.type().group().equals(group) && s.type().version().equals(version)
                && s.type().resource().equals(resource)).findFirst();
    }

    /** Group-versions served, in discovery order, each with its resources. */
    public Map<String, List<ResourceType>> byGroupVersion() {
        Map<String, List<ResourceType>> groups = new LinkedHashMap<>();
        for (Served s : served) {
            groups.computeIfAbsent(s.type().groupVersion(), gv -> new ArrayList<>()).add(s.type());
        }
        return groups;
    }

    /**
     * Completes when the namespace exists, and fails with 404 {@code namespaces "x" not found} otherwise
     * (NamespaceLifecycle admission); without waiting for storage when the namespace is known.
     */
    public CompletionStage<Void> requireNamespace(String namespace) {
        return namespaceLifecycle.require(namespace);
    }

    /**
     * Starts watching namespaces, so that the namespace check remembers the ones that exist until they are deleted,
     * by this server or another sharing the store. Until then (and without it), every check reads the store.
     */
    public void watchNamespaces() {
        namespaceWatch.start();
    }

    /** Stops the namespace watch. */
    @Override
    public void close() {
        namespaceWatch.close();
    }

    /** Creates the namespaces every cluster has, if missing. */
    public void createSystemNamespaces() {
        for (String name : NamespaceStrategy.SYSTEM_NAMESPACES) {
            if (namespaces.store().getStored(namespaces.type(), null, name) == null) {
                ObjectNode namespace = Json.object();
                namespace.putObject("metadata").put("name", name);
                try {
                    namespaces.store().create(namespaces.type(), null, namespace, false);
                } catch (ApiException e) {
                    if (e.code() != 409) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * Deletes a namespace and everything in it (what the namespace controller does on a real cluster, done at
     * once here). System namespaces cannot be deleted.
     */
    public ObjectNode deleteNamespace(String name, boolean dryRun) {
        if (NamespaceStrategy.SYSTEM_NAMESPACES.contains(name) && !name.equals("kube-node-lease")) {
            throw ApiException.forbidden("namespaces", name, "this namespace may not be deleted");
        }
        if (!dryRun) {
            namespaceLifecycle.forget(name);
        }
        ObjectNode deleted = namespaces.store().delete(namespaces.type(), null, name, null, null, dryRun);
        if (!dryRun) {
            namespaceLifecycle.forget(name);
            for (Served s : served) {
                if (s.type().namespaced() && !s.type().group().equals(EventStrategy.EVENTS_GROUP)) {
                    s.store().deleteCollection(s.type(), name, ListRequest.ALL, false);
                }
            }
        }
        return deleted;
    }

    /**
     * Deletes every namespace {@code selection} matches, each as {@link #deleteNamespace} does; namespaces that
     * may not be deleted are left, and the first refusal is reported once the others are deleted.
     */
    public List<ObjectNode> deleteNamespaces(ListRequest selection, boolean dryRun) {
        List<ObjectNode> deleted = new ArrayList<>();
        ApiException refused = null;
        for (ObjectNode namespace : namespaces.store().list(namespaces.type(), null, selection).items()) {
            try {
                deleted.add(deleteNamespace(Json.text(namespace, "metadata.name"), dryRun));
            } catch (ApiException e) {
                if (e.code() == 403) {
                    refused = refused == null ? e : refused;
                } else if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (refused != null) {
            throw refused;
        }
        return deleted;
    }
}
