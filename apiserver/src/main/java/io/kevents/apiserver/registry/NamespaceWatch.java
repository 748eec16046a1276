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
 * the store; the watch is opened again after a pause.
 */
final class NamespaceWatch implements WatchListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NamespaceWatch.class);

    private final KeyValueStore store;
    private final String prefix;
    private final NamespaceLifecycle lifecycle;
    private final Executor afterPause;
    // Guarded by this.
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
        store.currentRevision().whenComplete((revision, failure) -> {
            if (failure != null) {
                failed(failure);
            } else {
                open(revision);
            }
        });
    }

    private void open(long revision) {
        synchronized (this) {
            if (closed) {
                return;
            }
            down = false;
            // Reads that start after this see every deletion up to `revision`; later ones arrive as events.
            Watch opened = store.watch(prefix, revision, this);
            if (!down) { // the store may have ended it already, on this thread (the lock is reentrant)
                watch = opened;
                lifecycle.startRemembering();
            }
        }
    }

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
        failed(cause != null ? cause : new StorageException("the store ended the watch"));
    }

    private void failed(Throwable cause) {
        synchronized (this) {
            watch = null;
            if (closed || down) {
                return;
            }
            down = true;
            // Under this lock, so that a watch opened again meanwhile cannot be undone by this late failure.
            lifecycle.stopRemembering();
        }
        LOG.warn("Watching namespaces failed ({}); namespace checks read the store until the watch is back",
                cause.getMessage());
        afterPause.execute(this::start);
    }

    @Override
    public void close() {
        Watch running;
        synchronized (this) {
            closed = true;
            running = watch;
            watch = null;
        }
        if (running != null) {
            running.close();
        }
        lifecycle.stopRemembering();
    }
}
