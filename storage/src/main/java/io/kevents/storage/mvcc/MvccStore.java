package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.Keys;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.StoreArguments;
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
        this.hub = new WatchHub(reader, revisions, options.watchBufferEvents(), options.watchBatchInterval());
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

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
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
     * and back (the API server checks a namespace and reads the current object on most writes). A read racing
     * {@link #close()} is safe: the RocksDB engine frees nothing while a call into it is under way.
     */
    @Override
    public CompletableFuture<Optional<KeyValue>> get(String key) {
        byte[] keyBytes = Keys.bytes(key);
        return answer(() -> reader.get(key, keyBytes, revisions.visible()));
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
        StoreArguments.checkExpected(expectedModRevision);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Update(key, keyBytes, expectedModRevision, value.clone(), attributes,
                ttl.toMillis(), result));
        return result;
    }

    @Override
    public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
        byte[] keyBytes = Keys.bytes(key);
        StoreArguments.checkExpected(expectedModRevision);
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        writer.submit(new WriteOp.Delete(key, keyBytes, expectedModRevision, result));
        return result;
    }

    private static void checkWrite(byte[] value, Attributes attributes, Duration ttl) {
        StoreArguments.checkWrite(value, attributes, ttl);
        Codec.checkAttributes(attributes);
    }

    @Override
    public CompletableFuture<ListResult> list(String prefix, ListOptions options) {
        byte[] prefixBytes = Keys.prefixBytes(prefix);
        return read(() -> {
            long visible = revisions.visible();
            long at = options.revision() == 0 ? visible : options.revision();
            if (at > visible) {
                throw new StorageException("revision " + at + " is in the future (current revision " + visible + ")");
            }
            revisions.checkReadable(at);
            return reader.list(prefixBytes, options, at);
        });
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        StoreArguments.checkAfterRevision(afterRevision);
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

    /** Runs {@code query} on the read pool (lists may take long). */
    private <T> CompletableFuture<T> read(Supplier<T> query) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        try {
            return CompletableFuture.supplyAsync(() -> answer(query), reads).thenCompose(answer -> answer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closedException());
        }
    }

    /** Runs {@code query} here; a failure of the store becomes a failed future, anything else a StorageException. */
    private <T> CompletableFuture<T> answer(Supplier<T> query) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        try {
            return CompletableFuture.completedFuture(query.get());
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new StorageException("read failed: " + e.getMessage(), e));
        }
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kv.close();
    }
}
