package io.kevents.storage.testing;

import io.kevents.storage.StorageException;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link WatchListener} that records what it is told, and checks that calls never overlap. */
public final class RecordingListener implements WatchListener {

    private final List<WatchEvent> events = new ArrayList<>();
    private final AtomicLong progress = new AtomicLong();
    private final AtomicBoolean inCall = new AtomicBoolean();
    private final CompletableFuture<StorageException> closed = new CompletableFuture<>();
    private volatile boolean overlapped;

    @Override
    public void onEvents(List<WatchEvent> batch) {
        enter();
        synchronized (this) {
            events.addAll(batch);
        }
        leave();
    }

    @Override
    public void onProgress(long revision) {
        enter();
        progress.accumulateAndGet(revision, Math::max);
        leave();
    }

    @Override
    public void onClosed(StorageException cause) {
        enter();
        closed.complete(cause);
        leave();
    }

    private void enter() {
        if (!inCall.compareAndSet(false, true)) {
            overlapped = true;
        }
    }

    private void leave() {
        inCall.set(false);
    }

    /** The events received so far, in order. */
    public synchronized List<WatchEvent> events() {
        return List.copyOf(events);
    }

    /** The highest progress revision received. */
    public long progress() {
        return progress.get();
    }

    /** Completes with the close cause ({@code null} for a plain close). */
    public CompletableFuture<StorageException> closed() {
        return closed;
    }

    /** Whether two calls ever overlapped (a contract violation). */
    public boolean overlapped() {
        return overlapped;
    }
}
