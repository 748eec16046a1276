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
 * found there). It remembers only while a {@link NamespaceWatch} tells it of every deletion, this server's or
 * another's sharing the store: see {@link #startRemembering()}. Any forgetting also voids the store reads under way
 * at that moment, which may have read the namespace before it went.
 */
final class NamespaceLifecycle {

    private static final CompletableFuture<Void> ADMITTED = CompletableFuture.completedFuture(null);

    private final Function<String, CompletionStage<Boolean>> existsInStore;
    // Guarded by this.
    private final Set<String> existing = new HashSet<>();
    private long forgettings;
    private boolean remembering;

    /** @param existsInStore reads whether a namespace exists now, without blocking the caller */
    NamespaceLifecycle(Function<String, CompletionStage<Boolean>> existsInStore) {
        this.existsInStore = existsInStore;
    }

    /**
     * Completes when {@code namespace} exists, at once when it is remembered; fails with 404 {@code namespaces "x"
     * not found} otherwise. A caller on an event loop never waits for the store.
     */
    CompletionStage<Void> require(String namespace) {
        long forgettingsBefore;
        synchronized (this) {
            if (existing.contains(namespace)) {
                return ADMITTED;
            }
            forgettingsBefore = forgettings;
        }
        return existsInStore.apply(namespace).thenApply(exists -> {
            if (!exists) {
                throw ApiException.notFound("", "namespaces", namespace);
            }
            synchronized (this) {
                if (remembering && forgettings == forgettingsBefore) {
                    existing.add(namespace);
                }
            }
            return null;
        });
    }

    /** Called when {@code namespace} is deleted, or about to be. */
    synchronized void forget(String namespace) {
        forgettings++;
        existing.remove(namespace);
    }

    /**
     * Called once every deletion after now will be reported through {@link #forget}: from here on, namespaces read
     * to exist are remembered.
     */
    synchronized void startRemembering() {
        forgettings++;
        existing.clear();
        remembering = true;
    }

    /** Called when deletions may go unreported: forgets everything, and every check reads the store again. */
    synchronized void stopRemembering() {
        forgettings++;
        existing.clear();
        remembering = false;
    }
}
