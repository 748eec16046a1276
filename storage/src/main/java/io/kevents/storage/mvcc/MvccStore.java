package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.Keys;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchListener;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.OrderedKv.Space;
import io.kevents.time.Clock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * etcd's model on an ordered key-value engine, log-structured like kine: every write appends a log entry at its
 * own revision and a version to the key's history; reads pick, per key, the latest version at the requested
 * revision. The embedded (RocksDB) and in-memory stores are this class over different {@link OrderedKv} drivers.
 *
 * <p>Parts, each with one job: {@link GroupCommitWriter} (the only writer: revisions, compare-and-swap, group
 * commit), {@link MvccReader} (reads at a revision), {@link WatchHub} (watches), {@link TtlReaper} (expiry) and
 * {@link Compactor} (history). Writes carry attributes, kept in a secondary index so that lists filtered by them
 * touch only matching keys.
 *
 * <p>Futures of writes complete on the store's sync thread: continuations that block should use the
 * {@code *Async} variants.
 */
public final class MvccStore implements KeyValueStore {

    private final OrderedKv kv;
    private final Revisions revisions;
    private final MvccReader reader;
    private final WatchHub hub;
    private final GroupCommitWriter writer;
    private final TtlReaper reaper;
    private final Compactor compactor;
    private final ExecutorService reads;
    private final ExecutorService maintenance;
    private final Clock clock;
    private final Duration progressInterval;
    private volatile Clock.Timer progressTimer;
    private volatile boolean closed;
    /**
     * Reads running on callers' threads. {@link #close} sets {@code closed}, then waits for this to reach zero
     * before closing the database; a read counts itself, then checks {@code closed}, so one of the two sees the
     * other.
     */
    private final AtomicInteger inlineReads = new AtomicInteger();

    private MvccStore(OrderedKv kv, Clock clock, MvccOptions options) {
        this.kv = kv;
        this.clock = clock;
        this.progressInterval = options.progressInterval();
        checkFormat(kv);
        long revision = metaLong(kv, Codec.META_REVISION);
        long compacted = metaLong(kv, Codec.META_COMPACTED);
        long compactProgress = metaLong(kv, Codec.META_COMPACT_PROGRESS);
        this.revisions = new Revisions(revision, compacted);
        this.reader = new MvccReader(kv, revisions);
        this.hub = new WatchHub(reader, revisions, options.watchBufferEvents());
        this.writer = new GroupCommitWriter(kv, reader, revisions, clock, options, revision, compactProgress,
                round -> hub.publish(round.events, round.lastRevision));
        this.reads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("kevents-mvcc-read"));
        this.maintenance = Executors.newSingleThreadExecutor(daemonThreads("kevents-mvcc-maintenance"));
        this.reaper = new TtlReaper(kv, clock, maintenance, writer::submit, options.reapInterval(),
                options.reapChunk());
        this.compactor = new Compactor(clock, maintenance, writer::submit, revisions, options.compactionInterval(),
                options.compactionChunk());
        reaper.start();
        compactor.start();
        scheduleProgress();
    }

    /**
     * Opens a store on {@code kv}, recovering its revision and compaction state. The store owns {@code kv} from
     * now on and closes it.
     */
    public static MvccStore open(OrderedKv kv, Clock clock, MvccOptions options) {
        return new MvccStore(kv, clock, options);
    }

    /** Marks a new store with the layout version, and refuses a store written in another layout. */
    private static void checkFormat(OrderedKv kv) {
        byte[] format = kv.get(Space.META, Codec.META_FORMAT);
        if (format == null) {
            if (kv.get(Space.META, Codec.META_REVISION) != null) {
                throw new StorageException("the store was written without a format marker; it cannot be read safely");
            }
            try (OrderedKv.Batch b = kv.batch()) {
                b.put(Space.META, Codec.META_FORMAT, Codec.longBytes(Codec.FORMAT));
                kv.apply(b);
            }
            kv.sync();
        } else if (Codec.readLong(format, 0) != Codec.FORMAT) {
            throw new StorageException("the store has layout " + Codec.readLong(format, 0) + "; this version reads "
                    + Codec.FORMAT);
        }
    }

    private static long metaLong(OrderedKv kv, byte[] name) {
        byte[] v = kv.get(Space.META, name);
        return v == null ? 0 : Codec.readLong(v, 0);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void scheduleProgress() {
        if (!progressInterval.isZero() && !closed) {
            progressTimer = clock.schedule(progressInterval, () -> {
                hub.notifyProgress();
                scheduleProgress();
            });
        }
    }

    @Override
    public CompletableFuture<Long> currentRevision() {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        return CompletableFuture.completedFuture(revisions.visible());
    }

    /**
     * Reads on the calling thread: a point read costs a few microseconds, less than handing it to another thread
     * and back (the API server checks a namespace and reads the current object on most writes).
     */
    @Override
    public CompletableFuture<Optional<KeyValue>> get(String key) {
        Keys.bytes(key);
        inlineReads.incrementAndGet();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(closedException());
            }
            return CompletableFuture.completedFuture(reader.get(key, revisions.visible()));
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new StorageException("read failed: " + e.getMessage(), e));
        } finally {
            inlineReads.decrementAndGet();
        }
    }

    @Override
    public CompletableFuture<WriteResult> create(String key, byte[] value, Attributes attributes, Duration ttl) {
        byte[] keyBytes = Keys.bytes(key);
        checkWrite(value, attributes, ttl);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Create(key, keyBytes, value.clone(), attributes, ttl.toMillis(), result));
        return result;
    }

    @Override
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value,
                                                 Attributes attributes, Duration ttl) {
        byte[] keyBytes = Keys.bytes(key);
        checkWrite(value, attributes, ttl);
        checkExpected(expectedModRevision);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Update(key, keyBytes, expectedModRevision, value.clone(), attributes,
                ttl.toMillis(), result));
        return result;
    }

    @Override
    public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
        byte[] keyBytes = Keys.bytes(key);
        checkExpected(expectedModRevision);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Delete(key, keyBytes, expectedModRevision, result));
        return result;
    }

    private static void checkWrite(byte[] value, Attributes attributes, Duration ttl) {
        if (value == null || attributes == null || ttl == null) {
            throw new IllegalArgumentException("value, attributes and ttl must not be null");
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
        Codec.checkAttributes(attributes);
    }

    private static void checkExpected(long expected) {
        if (expected < 1 && expected != ANY_REVISION) {
            throw new IllegalArgumentException("expected revision must be positive or ANY_REVISION: " + expected);
        }
    }

    @Override
    public CompletableFuture<ListResult> list(String prefix, ListOptions options) {
        Keys.prefixBytes(prefix);
        return read(() -> {
            long visible = revisions.visible();
            long at = options.revision() == 0 ? visible : options.revision();
            if (at > visible) {
                throw new StorageException("revision " + at + " is in the future (current revision " + visible + ")");
            }
            revisions.checkReadable(at);
            return reader.list(prefix, options, at);
        });
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        if (afterRevision < 0) {
            throw new IllegalArgumentException("afterRevision must not be negative");
        }
        if (closed) {
            throw closedException();
        }
        return hub.watch(prefix, afterRevision, listener);
    }

    @Override
    public CompletableFuture<Void> compact(long revision) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        return compactor.compact(revision);
    }

    private <T> CompletableFuture<T> read(Supplier<T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedException());
            return result;
        }
        try {
            reads.execute(() -> {
                try {
                    result.complete(query.get());
                } catch (StorageException e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException e) {
                    result.completeExceptionally(new StorageException("read failed: " + e.getMessage(), e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(closedException());
        }
        return result;
    }

    private static StorageException closedException() {
        return new StorageException.Unavailable("store is closed", null);
    }

    /** The number of open watches. */
    public int openWatches() {
        return hub.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Clock.Timer t = progressTimer;
        if (t != null) {
            t.cancel();
        }
        reaper.close();
        compactor.close();
        writer.close();
        hub.close();
        maintenance.shutdownNow();
        reads.shutdown();
        try {
            reads.awaitTermination(10, TimeUnit.SECONDS);
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (inlineReads.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kv.close();
    }
}
