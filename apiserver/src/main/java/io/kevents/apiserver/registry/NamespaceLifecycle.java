package io.kevents.apiserver.registry;

import io.kevents.apiserver.http.ApiException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The NamespaceLifecycle admission check: a namespaced object may be created only in a namespace that exists.
 *
 * <p>Like the Kubernetes plugin, which reads an informer's cache, it answers most checks from memory: it remembers
 * namespaces it has seen to exist, and reads the store only for one it has not (a namespace created a moment ago is
 * found there). Deleting a namespace forgets it, and a check that read the store while a deletion was under way
 * does not remember what it read.
 */
final class NamespaceLifecycle {

    private final Predicate<String> existsInStore;
    // Guarded by this.
    private final Set<String> existing = new HashSet<>();
    private long deletions;

    /** @param existsInStore reads whether a namespace exists now */
    NamespaceLifecycle(Predicate<String> existsInStore) {
        this.existsInStore = existsInStore;
    }

    /** 404 {@code namespaces "x" not found} unless {@code namespace} exists. */
    void require(String namespace) {
        long deletionsBefore;
        synchronized (this) {
            if (existing.contains(namespace)) {
                return;
            }
            deletionsBefore = deletions;
        }
        if (!existsInStore.test(namespace)) {
            throw ApiException.notFound("", "namespaces", namespace);
        }
        synchronized (this) {
            if (deletions == deletionsBefore) {
                existing.add(namespace);
            }
        }
    }

    /** Called before and again after {@code namespace} is deleted from the store. */
    synchronized void forget(String namespace) {
        deletions++;
        existing.remove(namespace);
    }
}
