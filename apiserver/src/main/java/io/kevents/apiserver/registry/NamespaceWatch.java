package io.kevents.apiserver.registry;

import io.kevents.storage.KeyValueStore;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a {@link NamespaceLifecycle} of every namespace deletion in the store, including those made through other
 * API servers sharing it (etcd), as the informer behind Kubernetes' admission plugin does. While the watch is down
 * (the store failed, or lost the revision it watched from), the lifecycle remembers nothing and every check reads
 * the store; the watch is opened again after a pause, as often as it takes.
 */
final class NamespaceWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceWatch.class);

    private final KeyValueStore store;
    private final String prefix;
    private final NamespaceLifecycle lifecycle;
    private final Executor afterPause;
    // Guarded by this.
    private Attempt current;
    private Watch watch;
    private boolean down;
    private boolean closed;

    /**
     * @param prefix     the storage prefix of namespaces; a key is the prefix and the namespace's name
     * @param afterPause runs a task after the pause before a failed watch is opened again
     */
    NamespaceWatch(KeyValueStore store, String prefix, NamespaceLifecycle lifecycle, Executor afterPause) {
        this.store = store;
        this.prefix = prefix;
        this.lifecycle = lifecycle;
        this.afterPause = afterPause;
    }

    /** Opens the watch from the store's current revision; the lifecycle starts remembering once it runs. */
    void start() {
        Attempt attempt = new Attempt();
        synchronized (this) {
            if (closed) {
                return;
            }
            current = attempt;
        }
        store.currentRevision().whenComplete((revision, failure) -> {
            if (failure != null) {
                failed(attempt, failure);
            } else {
                open(attempt, revision);
            }
        });
    }

    private void open(Attempt attempt, long revision) {
        synchronized (this) {
            if (closed || current != attempt) {
                return;
            }
            // Reads that start after this see every deletion up to `revision`; later ones arrive as events.
            Watch opened;
            try {
                opened = store.watch(prefix, revision, attempt);
            } catch (RuntimeException e) {
                failed(attempt, e);
                return;
            }
            if (current != attempt) {
                return; // the store ended it already, on this thread (the lock is reentrant)
            }
            watch = opened;
            if (down) {
                down = false;
                LOG.info("Watching namespaces again; namespace checks are answered from memory again");
            }
            lifecycle.startRemembering();
        }
    }

    /** Ends {@code attempt} unless a newer one runs (or the watch is closed), and tries again after the pause. */
    private void failed(Attempt attempt, Throwable cause) {
        boolean firstFailure;
        synchronized (this) {
            if (closed || current != attempt) {
                return;
            }
            current = null;
            watch = null;
            firstFailure = !down;
            down = true;
            lifecycle.stopRemembering();
        }
        if (firstFailure) {
            LOG.warn("Watching namespaces failed ({}); namespace checks read the store until the watch is back",
                    cause.getMessage());
        }
        afterPause.execute(this::start);
    }

    @Override
    public void close() {
        Watch running;
        synchronized (this) {
            closed = true;
            current = null;
            running = watch;
            watch = null;
        }
        if (running != null) {
            running.close();
        }
        lifecycle.stopRemembering();
    }

    /** One opening of the watch; what an earlier one reports after it was replaced changes nothing. */
    private final class Attempt implements WatchListener {

        @Override
        public void onEvents(List<WatchEvent> events) {
            for (WatchEvent event : events) {
                if (event.type() == WatchEvent.Type.DELETE && event.kv().key().startsWith(prefix)) {
                    lifecycle.forget(event.kv().key().substring(prefix.length()));
                }
            }
        }

        @Override
        public void onClosed(StorageException cause) {
            failed(this, cause != null ? cause : new StorageException("the store ended the watch"));
        }
    }
}
