package io.kevents.storage.etcd;

import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.watch.WatchResponse;
import io.kevents.storage.KeyValue;
import io.kevents.storage.StorageException;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Adapts one etcd watch to a {@link WatchListener}: converts events (a deletion carries the previous value, which
 * the watch asks etcd for), turns progress notifications into {@code onProgress}, and makes sure the listener is
 * closed exactly once and never called concurrently.
 */
final class EtcdWatch implements io.kevents.storage.Watch, Watch.Listener {

    private final WatchListener listener;
    private final long afterRevision;
    private final EtcdStore store;
    private Watch.Watcher watcher;
    private boolean closed;

    EtcdWatch(WatchListener listener, long afterRevision, EtcdStore store) {
        this.listener = listener;
        this.afterRevision = afterRevision;
        this.store = store;
    }

    synchronized void attach(Watch.Watcher watcher) {
        this.watcher = watcher;
        if (closed) {
            watcher.close();
        }
    }

    @Override
    public synchronized void onNext(WatchResponse response) {
        if (closed) {
            return;
        }
        if (response.isProgressNotify()) {
            listener.onProgress(response.getHeader().getRevision());
            return;
        }
        List<io.etcd.jetcd.watch.WatchEvent> raw = response.getEvents();
        if (raw.isEmpty()) {
            return;
        }
        List<WatchEvent> events = new ArrayList<>(raw.size());
        for (io.etcd.jetcd.watch.WatchEvent e : raw) {
            io.etcd.jetcd.KeyValue kv = e.getKeyValue();
            long revision = kv.getModRevision();
            if (e.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE) {
                io.etcd.jetcd.KeyValue prev = e.getPrevKV();
                byte[] value = prev != null && prev.getCreateRevision() > 0 ? prev.getValue().getBytes() : new byte[0];
                long created = prev != null ? prev.getCreateRevision() : 0;
                events.add(new WatchEvent(WatchEvent.Type.DELETE,
                        new KeyValue(EtcdStore.keyString(kv.getKey()), value, created, revision), revision, false));
            } else {
                events.add(new WatchEvent(WatchEvent.Type.PUT, EtcdStore.toKeyValue(kv), revision,
                        kv.getCreateRevision() == revision));
            }
        }
        try {
            listener.onEvents(events);
        } catch (RuntimeException e) {
            finish(new StorageException("watch listener failed: " + e.getMessage(), e));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        Throwable t = EtcdErrors.unwrap(throwable);
        if (t instanceof CompactedException c) {
            store.noteCompacted(c.getCompactedRevision());
            finish(new StorageException.Compacted(afterRevision, c.getCompactedRevision()));
        } else {
            finish(EtcdErrors.toStorageException("etcd watch failed", t));
        }
    }

    @Override
    public void onCompleted() {
        finish(null);
    }

    @Override
    public void close() {
        finish(null);
    }

    /** Ends the watch once: stops etcd's watcher and tells the listener. */
    synchronized void finish(StorageException cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        store.forget(this);
        listener.onClosed(cause);
    }
}
