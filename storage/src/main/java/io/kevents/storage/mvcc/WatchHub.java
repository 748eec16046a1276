package io.kevents.storage.mvcc;

import io.kevents.storage.Keys;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fans committed changes out to watches. A new watch first replays the log from its start revision (reading the
 * store, not memory), then switches to the changes the writer publishes. A watch whose listener falls behind by
 * more than {@link MvccOptions#watchBufferEvents()} drops its buffer and goes back to reading the log, so a slow
 * watcher costs reads rather than heap, as etcd's "unsynced" watchers do. Listeners run on a small pool, never two
 * at once for one watch.
 */
final class WatchHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchHub.class);

    /** Revisions read from the log per step of a catch-up, so one slow watch cannot monopolise a thread. */
    private static final int CATCH_UP_CHUNK = 1_000;
    /** Buffered batches delivered per turn before yielding the thread to other watches. */
    private static final int BATCHES_PER_TURN = 64;

    private final MvccReader reader;
    private final Revisions revisions;
    private final int bufferLimit;
    private final ExecutorService delivery;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** The last revision whose changes were handed to every watch (after the visible revision moved). */
    private volatile long published;

    WatchHub(MvccReader reader, Revisions revisions, int bufferLimit) {
        this.reader = reader;
        this.revisions = revisions;
        this.bufferLimit = bufferLimit;
        this.published = revisions.visible();
        this.delivery = Executors.newFixedThreadPool(2, MvccStore.daemonThreads("kevents-mvcc-watch"));
    }

    Watch watch(String prefix, long afterRevision, WatchListener listener) {
        byte[] lower = Keys.prefixBytes(prefix);
        Watcher w = new Watcher(lower, Keys.prefixEnd(lower), afterRevision, listener);
        long compacted = revisions.compacted();
        if (afterRevision < compacted) {
            w.closeWith(new StorageException.Compacted(afterRevision, compacted));
            return w;
        }
        watchers.add(w);
        w.schedule();
        return w;
    }

    /** Hands a committed round's changes to every watch (sync thread, in revision order). */
    void publish(List<WatchEvent> events, long revision) {
        if (!events.isEmpty() && !watchers.isEmpty()) {
            byte[][] keys = new byte[events.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = events.get(i).kv().key().getBytes(StandardCharsets.UTF_8);
            }
            for (Watcher w : watchers) {
                List<WatchEvent> mine = null;
                for (int i = 0; i < keys.length; i++) {
                    if (w.covers(keys[i])) {
                        if (mine == null) {
                            mine = new ArrayList<>();
                        }
                        mine.add(events.get(i));
                    }
                }
                if (mine != null) {
                    w.offer(mine);
                }
            }
        }
        published = Math.max(published, revision);
    }

    /** Tells every idle, caught-up watch that nothing it watches changed up to the published revision. */
    void notifyProgress() {
        long revision = published;
        for (Watcher w : watchers) {
            w.offerProgress(revision);
        }
    }

    /** The number of open watches. */
    int size() {
        return watchers.size();
    }

    /** Ends every watch ("store is closed") and stops the delivery threads. */
    @Override
    public void close() {
        StorageException cause = new StorageException.Unavailable("store is closed", null);
        for (Watcher w : watchers) {
            w.closeWith(cause);
        }
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("kevents storage: watch listeners still running 5 s after close");
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Progress(long revision) {
    }

    /** One watch: its position, its buffer and its state; {@link #drain()} is its only consumer. */
    private final class Watcher implements Watch {
        private final byte[] lower;
        private final byte[] upper;
        private final WatchListener listener;

        // Guarded by this.
        private final ArrayDeque<Object> pending = new ArrayDeque<>();
        private int pendingEvents;
        private boolean catchingUp = true;
        private boolean overflowed;
        private boolean scheduled;
        private boolean closed;
        private boolean closeDelivered;
        private StorageException closeCause;

        /** Every change up to this revision has been delivered (drain thread only). */
        private long delivered;
        /** The highest revision the listener was told about, by an event or a progress call (drain thread only). */
        private long told;

        Watcher(byte[] lower, byte[] upper, long after, WatchListener listener) {
            this.lower = lower;
            this.upper = upper;
            this.delivered = after;
            this.listener = listener;
        }

        boolean covers(byte[] key) {
            return Arrays.compareUnsigned(key, lower) >= 0 && (upper == null || Arrays.compareUnsigned(key, upper) < 0);
        }

        synchronized void offer(List<WatchEvent> events) {
            if (closed) {
                return;
            }
            if (pendingEvents + events.size() > bufferLimit) {
                // Too far behind: forget the buffer and read the log instead (see class comment).
                pending.clear();
                pendingEvents = 0;
                if (catchingUp) {
                    overflowed = true;
                } else {
                    catchingUp = true;
                }
            } else {
                pending.add(events);
                pendingEvents += events.size();
            }
            schedule();
        }

        synchronized void offerProgress(long revision) {
            if (!closed && !catchingUp && pending.isEmpty()) {
                pending.add(new Progress(revision));
                schedule();
            }
        }

        synchronized void closeWith(StorageException cause) {
            if (!closed) {
                closed = true;
                closeCause = cause;
                pending.clear();
                schedule();
            }
        }

        @Override
        public void close() {
            closeWith(null);
        }

        /** Makes sure a drain will run (caller holds the lock). */
        private void schedule() {
            if (!scheduled) {
                scheduled = true;
                try {
                    delivery.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // The hub is shut down; nothing more will be delivered.
                    scheduled = false;
                }
            }
        }

        private void drain() {
            boolean catching;
            synchronized (this) {
                if (closed) {
                    finish();
                    return;
                }
                catching = catchingUp;
                overflowed = false;
            }
            try {
                if (catching) {
                    catchUpStep();
                } else if (!deliverBuffered()) {
                    return;
                }
            } catch (StorageException e) {
                closeWith(e);
            } catch (RuntimeException e) {
                closeWith(new StorageException("watch failed: " + e.getMessage(), e));
            }
            synchronized (this) {
                // More to do: yield the thread to other watches and come back.
                scheduled = false;
                schedule();
            }
        }

        private void catchUpStep() {
            long target = revisions.visible();
            MvccReader.LogSlice slice = reader.changes(lower, upper, delivered, target, CATCH_UP_CHUNK);
            if (!slice.events().isEmpty()) {
                listener.onEvents(slice.events());
                told = slice.events().get(slice.events().size() - 1).revision();
            }
            delivered = Math.max(delivered, slice.scannedTo());
            synchronized (this) {
                if (delivered >= target && !overflowed) {
                    // Everything after target is in the buffer (older duplicates are skipped on delivery).
                    catchingUp = false;
                } else if (overflowed) {
                    pending.clear();
                    pendingEvents = 0;
                }
            }
        }

        /** Delivers buffered batches; returns false when the buffer ran empty and the drain ended. */
        @SuppressWarnings("unchecked")
        private boolean deliverBuffered() {
            for (int turn = 0; turn < BATCHES_PER_TURN; turn++) {
                Object item;
                synchronized (this) {
                    if (closed || catchingUp) {
                        return true;
                    }
                    item = pending.poll();
                    if (item == null) {
                        scheduled = false;
                        return false;
                    }
                    if (item instanceof List<?> l) {
                        pendingEvents -= l.size();
                    }
                }
                if (item instanceof Progress p) {
                    if (p.revision() > told) {
                        delivered = Math.max(delivered, p.revision());
                        told = p.revision();
                        listener.onProgress(p.revision());
                    }
                    continue;
                }
                List<WatchEvent> events = (List<WatchEvent>) item;
                int from = 0;
                while (from < events.size() && events.get(from).revision() <= delivered) {
                    from++;
                }
                if (from < events.size()) {
                    List<WatchEvent> fresh = from == 0 ? events : events.subList(from, events.size());
                    listener.onEvents(fresh);
                    delivered = fresh.get(fresh.size() - 1).revision();
                    told = delivered;
                }
            }
            return true;
        }

        private void finish() {
            StorageException cause;
            synchronized (this) {
                if (closeDelivered) {
                    scheduled = false;
                    return;
                }
                closeDelivered = true;
                cause = closeCause;
                scheduled = false;
            }
            watchers.remove(this);
            try {
                listener.onClosed(cause);
            } catch (RuntimeException e) {
                log.warn("kevents storage: watch listener failed in onClosed", e);
            }
        }
    }
}
