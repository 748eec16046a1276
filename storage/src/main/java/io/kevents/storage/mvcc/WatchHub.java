package io.kevents.storage.mvcc;

import io.kevents.storage.Keys;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed changes out to watches. A new watch first replays the log from its start revision (reading the
 * store, not memory), then switches to the changes the writer publishes. A watch whose listener falls behind by
 * more than {@link MvccOptions#watchBufferEvents()} drops its buffer and goes back to reading the log, so a slow
 * watcher costs reads rather than heap, as etcd's "unsynced" watchers do. Listeners run on a small pool, never two
 * at once for one watch.
 *
 * <p>A busy watch gets its changes in batches: after a delivery, the next one waits until
 * {@link MvccOptions#watchBatchInterval()} has passed, and then hands over everything that arrived meanwhile in one
 * {@code onEvents}. A thousand watches of a resource written two thousand times a second then cost a few tens of
 * thousands of deliveries a second, not two million; a change after a quiet spell still goes out at once.
 */
final class WatchHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchHub.class);

    /** Revisions read from the log per step of a catch-up, so one slow watch cannot monopolise a thread. */
    private static final int CATCH_UP_CHUNK = 1_000;
    private final MvccReader reader;
    private final Revisions revisions;
    private final int bufferLimit;
    private final long batchIntervalNanos;
    private final ScheduledExecutorService delivery;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    /** The last revision whose changes were handed to every watch (after the visible revision moved). */
    private volatile long published;

    WatchHub(MvccReader reader, Revisions revisions, int bufferLimit, Duration batchInterval) {
        this.reader = reader;
        this.revisions = revisions;
        this.bufferLimit = bufferLimit;
        this.batchIntervalNanos = batchInterval.toNanos();
        this.published = revisions.visible();
        this.delivery = new ScheduledThreadPoolExecutor(2, MvccStore.daemonThreads("kevents-mvcc-watch"));
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
        synchronized (w) {
            w.schedule();
        }
        return w;
    }

    /** Hands a committed round's changes to every watch (sync thread, in revision order). */
    void publish(List<WatchEvent> round, long revision) {
        if (!round.isEmpty() && !watchers.isEmpty()) {
            // One list shared by the watches that take the whole round: nobody may change it.
            List<WatchEvent> events = Collections.unmodifiableList(round);
            byte[][] keys = new byte[events.size()][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = events.get(i).kv().key().getBytes(StandardCharsets.UTF_8);
            }
            for (Watcher w : watchers) {
                List<WatchEvent> mine = w.coveredOf(events, keys);
                if (!mine.isEmpty()) {
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

        /** The drain waiting for the end of a batch interval, or {@code null}. */
        private ScheduledFuture<?> delayed;
        /** When the last batch of changes went to the listener ({@link System#nanoTime()}). */
        private long lastDelivery = Long.MIN_VALUE / 2;

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

        /**
         * The changes of a round under this watch's prefix ({@code keys} are their keys): the round's own list when
         * it is all covered, which is usual, so that a thousand watches share it rather than copy it.
         */
        List<WatchEvent> coveredOf(List<WatchEvent> events, byte[][] keys) {
            int first = 0;
            while (first < keys.length && covers(keys[first])) {
                first++;
            }
            if (first == keys.length) {
                return events;
            }
            List<WatchEvent> mine = first == 0 ? null : new ArrayList<>(events.subList(0, first));
            for (int i = first + 1; i < keys.length; i++) {
                if (covers(keys[i])) {
                    if (mine == null) {
                        mine = new ArrayList<>();
                    }
                    mine.add(events.get(i));
                }
            }
            return mine == null ? List.of() : mine;
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

        /**
         * Makes sure a drain will run (caller holds the lock): at once, or at the end of the batch interval when
         * changes went out less than an interval ago.
         */
        private void schedule() {
            boolean urgent = closed || catchingUp;
            if (scheduled) {
                // A close or a fall-back to the log does not wait for a batch interval.
                if (urgent && delayed != null && delayed.cancel(false)) {
                    delayed = null;
                    scheduled = false;
                } else {
                    return;
                }
            }
            scheduled = true;
            // Real time, not the store's Clock: this paces a real thread pool, whatever time the store keeps.
            long wait = lastDelivery + batchIntervalNanos - System.nanoTime();
            try {
                if (wait <= 0 || urgent) {
                    delivery.execute(this::drain);
                } else {
                    delayed = delivery.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
                }
            } catch (RejectedExecutionException e) {
                // The hub is shut down; nothing more will be delivered.
                scheduled = false;
            }
        }

        private void drain() {
            boolean catching;
            synchronized (this) {
                delayed = null;
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
                } else {
                    deliverBuffered();
                }
            } catch (StorageException e) {
                closeWith(e);
            } catch (RuntimeException e) {
                closeWith(new StorageException("watch failed: " + e.getMessage(), e));
            }
            synchronized (this) {
                scheduled = false;
                if (closed || catchingUp || !pending.isEmpty()) {
                    // More to do: yield the thread to other watches and come back.
                    schedule();
                }
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

        /**
         * Delivers everything buffered: a progress notification first (it is only buffered when nothing else is, so
         * it can only lead), then the batches of changes together, in one {@code onEvents}.
         */
        @SuppressWarnings("unchecked")
        private void deliverBuffered() {
            List<Object> items;
            synchronized (this) {
                if (closed || catchingUp || pending.isEmpty()) {
                    return;
                }
                if (pending.size() > 1 || !(pending.peek() instanceof Progress)) {
                    // Changes go out now; a progress notification alone does not hold the next change back.
                    lastDelivery = System.nanoTime();
                }
                items = new ArrayList<>(pending);
                pending.clear();
                pendingEvents = 0;
            }
            int first = 0;
            if (items.get(0) instanceof Progress p) {
                first = 1;
                if (p.revision() > told) {
                    delivered = Math.max(delivered, p.revision());
                    told = p.revision();
                    listener.onProgress(p.revision());
                }
            }
            if (first == items.size()) {
                return;
            }
            List<WatchEvent> fresh;
            if (items.size() - first == 1) {
                // One round: its list, shared with the other watches, is handed over as it is.
                fresh = newerThanDelivered((List<WatchEvent>) items.get(first));
            } else {
                fresh = new ArrayList<>();
                for (int i = first; i < items.size(); i++) {
                    fresh.addAll(newerThanDelivered((List<WatchEvent>) items.get(i)));
                }
            }
            if (!fresh.isEmpty()) {
                listener.onEvents(fresh);
                delivered = fresh.get(fresh.size() - 1).revision();
                told = delivered;
            }
        }

        /** {@code events} without the changes the catch-up already delivered. */
        private List<WatchEvent> newerThanDelivered(List<WatchEvent> events) {
            int from = 0;
            while (from < events.size() && events.get(from).revision() <= delivered) {
                from++;
            }
            return from == 0 ? events : events.subList(from, events.size());
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
