package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The NamespaceLifecycle admission check: a namespaced object may be created only in a namespace that exists.
 *
 * <p>Like the Kubernetes plugin, which reads an informer's cache, it answers most checks from memory: it remembers
 * namespaces it has seen to exist, and reads the store only for one it has not (a namespace created a moment ago is
 * found there). Deleting a namespace forgets it, and a check that read the store while a deletion was under way
 * does not remember what it read.
 */
final class NamespaceLifecycle {

    private static final CompletableFuture<Void> ADMITTED = CompletableFuture.completedFuture(null);

    private final Function<String, CompletionStage<Boolean>> existsInStore;
    // Guarded by this.
    private final Set<String> existing = new HashSet<>();
    private long deletions;

    /** @param existsInStore reads whether a namespace exists now, without blocking the caller */
    NamespaceLifecycle(Function<String, CompletionStage<Boolean>> existsInStore) {
        this.existsInStore = existsInStore;
    }

    /**
     * Completes when {@code namespace} exists, at once when it is remembered; fails with 404 {@code namespaces "x"
     * not found} otherwise. A caller on an event loop never waits for the store.
     */
    CompletionStage<Void> require(String namespace) {
        long deletionsBefore;
        synchronized (this) {
            if (existing.contains(namespace)) {
                return ADMITTED;
            }
            deletionsBefore = deletions;
        }
        return existsInStore.apply(namespace).thenApply(exists -> {
            if (!exists) {
                throw ApiException.notFound("", "namespaces", namespace);
            }
            synchronized (this) {
                if (deletions == deletionsBefore) {
                    existing.add(namespace);
                }
            }
            return null;
        });
    }

    /** Called before and again after {@code namespace} is deleted from the store. */
    synchronized void forget(String namespace) {
        deletions++;
        existing.remove(namespace);
    }
}
