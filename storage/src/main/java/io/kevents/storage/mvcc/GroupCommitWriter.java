package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.StorageException;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WriteResult;
import io.kevents.storage.mvcc.Codec.LogEntry;
import io.kevents.storage.mvcc.Codec.Version;
import io.kevents.storage.mvcc.OrderedKv.Batch;
import io.kevents.storage.mvcc.OrderedKv.Cursor;
import io.kevents.storage.mvcc.OrderedKv.Space;
import io.kevents.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The only thread that changes the store. It takes every write waiting in its queue (up to
 * {@link MvccOptions#maxBatchWrites()}), applies them in order as one atomic batch, each at its own revision, and
 * hands the batch to a second thread that makes it durable with one sync and then acknowledges all of its writes
 * at once. While that sync runs, this thread already applies the next batch: group commit, pipelined.
 *
 * <p>Readers read at the revision published after the sync, so nobody sees a write before it is durable.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final OrderedKv kv;
    private final MvccReader reader;
    private final Revisions revisions;
    private final Clock clock;
    private final Consumer<Round> publisher;
    private final int maxBatch;
    private final BlockingQueue<WriteOp> queue;
    private final BlockingQueue<Round> toSync = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private final Thread syncThread;

    /** The last revision applied (writer thread only). */
    private long applied;
    /** The last compacted revision whose history has been discarded (writer thread only). */
    private long compactProgress;
    private volatile boolean closing;
    private volatile StorageException broken;

    GroupCommitWriter(OrderedKv kv, MvccReader reader, Revisions revisions, Clock clock, MvccOptions options,
                      long appliedRevision, long compactProgress, Consumer<Round> publisher) {
        this.kv = kv;
        this.reader = reader;
        this.revisions = revisions;
        this.clock = clock;
        this.publisher = publisher;
        this.maxBatch = options.maxBatchWrites();
        this.queue = new ArrayBlockingQueue<>(options.writeQueueCapacity());
        this.applied = appliedRevision;
        this.compactProgress = compactProgress;
        this.writerThread = new Thread(this::writeLoop, "kevents-mvcc-writer");
        this.syncThread = new Thread(this::syncLoop, "kevents-mvcc-sync");
        writerThread.setDaemon(true);
        syncThread.setDaemon(true);
        writerThread.start();
        syncThread.start();
    }

    /** Queues {@code op}; fails it at once if the store is closed, broken or overloaded. */
    void submit(WriteOp op) {
        StorageException failure = broken;
        if (failure != null) {
            op.fail(failure);
        } else if (closing) {
            op.fail(new StorageException.Unavailable("store is closed", null));
        } else if (!queue.offer(op)) {
            op.fail(new StorageException("write queue is full (" + queue.size() + " writes waiting): overloaded"));
        } else if (closing && queue.remove(op)) {
            // close() ran between the check and the offer, and the writer may already have drained its last round.
            op.fail(new StorageException.Unavailable("store is closed", null));
        }
    }

    /** Stops after applying and syncing what is queued. */
    @Override
    public void close() {
        closing = true;
        writerThread.interrupt();
        join(writerThread);
        toSync.add(Round.POISON);
        join(syncThread);
        List<WriteOp> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(op -> op.fail(new StorageException.Unavailable("store is closed", null)));
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ writer thread

    private void writeLoop() {
        List<WriteOp> ops = new ArrayList<>(maxBatch);
        while (true) {
            ops.clear();
            boolean background = pendingExpire != null || pendingChunk != null;
            try {
                WriteOp first = closing || background ? queue.poll() : queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    ops.add(first);
                } else if (closing) {
                    failBackground(new StorageException.Unavailable("store is closed", null));
                    return;
                } else if (!background) {
                    continue;
                }
            } catch (InterruptedException e) {
                // close() interrupts to end the wait; what is queued is still written below.
                continue;
            }
            queue.drainTo(ops, maxBatch - 1);
            if (broken != null) {
                ops.forEach(op -> op.fail(broken));
                failBackground(broken);
                continue;
            }
            writeRound(ops);
        }
    }

    /**
     * How many background entries (expiries, compacted revisions) a round with {@code callerWrites} of the
     * callers' writes may also process: a quarter of their number, and at least 8 so background work always
     * progresses. A round without callers' writes takes 32: rounds stay short, so a caller's write arriving
     * meanwhile waits for little, and an otherwise idle store still expires tens of thousands of keys a second.
     * This bounds how much longer a round, and so a caller's wait, gets while a million keys expire (measured in
     * BENCHMARKS.md: half their number let p99 latency rise past twice its idle value on a busy machine).
     */
    private static int backgroundBudget(int callerWrites) {
        return callerWrites == 0 ? 32 : Math.max(8, callerWrites / 4);
    }

    private void failBackground(StorageException cause) {
        if (pendingExpire != null) {
            pendingExpire.op.fail(cause);
            pendingExpire = null;
        }
        if (pendingChunk != null) {
            pendingChunk.fail(cause);
            pendingChunk = null;
        }
    }

    private void writeRound(List<WriteOp> ops) {
        long before = applied;
        int callerWrites = 0;
        for (WriteOp op : ops) {
            if (op instanceof WriteOp.Expire e) {
                // The reaper sends one chunk at a time; the writer works through it over as many rounds as needed.
                pendingExpire = new ExpireProgress(e);
            } else if (op instanceof WriteOp.CompactChunk c) {
                pendingChunk = c;
            } else if (!(op instanceof WriteOp.Compact)) {
                callerWrites++;
            }
        }
        int budget = backgroundBudget(callerWrites);
        Round round = new Round(List.copyOf(ops));
        try (Batch batch = kv.batch()) {
            RoundState state = new RoundState(batch, round);
            // Maintenance first: it reads the engine as of the previous round, before this round's writes.
            for (WriteOp op : ops) {
                if (op instanceof WriteOp.Compact c) {
                    compact(c, state);
                }
            }
            if (pendingChunk != null) {
                compactChunk(pendingChunk, state, budget);
                pendingChunk = null;
            }
            for (WriteOp op : ops) {
                if (op instanceof WriteOp.Create c) {
                    create(c, state);
                } else if (op instanceof WriteOp.Update u) {
                    update(u, state);
                } else if (op instanceof WriteOp.Delete d) {
                    delete(d, state);
                }
            }
            if (pendingExpire != null && expire(pendingExpire, state, budget)) {
                pendingExpire = null;
            }
            if (applied != before) {
                batch.put(Space.META, Codec.META_REVISION, Codec.longBytes(applied));
            }
            if (!batch.isEmpty()) {
                kv.apply(batch);
            }
        } catch (RuntimeException e) {
            // Nothing of the batch reached the engine: forget its revisions and fail its writes.
            applied = before;
            StorageException failure = e instanceof StorageException se ? se
                    : new StorageException("write failed: " + e.getMessage(), e);
            log.warn("kevents storage: a batch of {} writes failed", ops.size(), e);
            ops.forEach(op -> op.fail(failure));
            failBackground(failure);
            return;
        }
        round.lastRevision = applied;
        toSync.add(round);
    }

    /** An expiry chunk being worked through (writer thread only). */
    private static final class ExpireProgress {
        final WriteOp.Expire op;
        int next;
        int expired;

        ExpireProgress(WriteOp.Expire op) {
            this.op = op;
        }
    }

    /** The expiry chunk in progress, or {@code null} (writer thread only). */
    private ExpireProgress pendingExpire;
    /** A compaction chunk to process in the next round, or {@code null} (writer thread only). */
    private WriteOp.CompactChunk pendingChunk;

    /** Per-round view: the batch being built and the latest version of each key written in it. */
    private final class RoundState {
        final Batch batch;
        final Round round;
        final Map<String, Pending> pending = new HashMap<>();

        RoundState(Batch batch, Round round) {
            this.batch = batch;
            this.round = round;
        }

        Pending current(String key, byte[] keyBytes) {
            Pending p = pending.get(key);
            if (p != null) {
                return p;
            }
            Version v = reader.latest(keyBytes);
            return v == null ? null : new Pending(v, null);
        }

        byte[] valueOf(Pending p) {
            if (p.value != null) {
                return p.value;
            }
            byte[] entry = kv.get(Space.LOG, Codec.logKey(p.version.revision()));
            if (entry == null) {
                throw new StorageException("log entry " + p.version.revision() + " is missing");
            }
            return Codec.logValue(entry);
        }

        KeyValue kvOf(String key, Pending p) {
            return new KeyValue(key, valueOf(p), p.version.createRevision(), p.version.revision());
        }
    }

    /** The latest version of a key as this round sees it; {@code value} is known when this round wrote it. */
    private record Pending(Version version, byte[] value) {
        boolean exists() {
            return !version.isDelete();
        }
    }

    private void create(WriteOp.Create op, RoundState s) {
        Pending cur = s.current(op.key(), op.keyBytes());
        if (cur != null && cur.exists()) {
            KeyValue current = s.kvOf(op.key(), cur);
            s.round.complete(() -> op.result().complete(new WriteResult.AlreadyExists(current)));
            return;
        }
        long rev = ++applied;
        KeyValue written = put(s, op.key(), op.keyBytes(), op.value(), op.attributes(), op.ttlMillis(), rev, rev, 0,
                0);
        s.round.events.add(new WatchEvent(WatchEvent.Type.PUT, written, rev, true));
        s.round.complete(() -> op.result().complete(new WriteResult.Written(written)));
    }

    private void update(WriteOp.Update op, RoundState s) {
        Pending cur = matchingCurrent(s, op.key(), op.keyBytes(), op.expectedModRevision(), op.result());
        if (cur == null) {
            return;
        }
        long rev = ++applied;
        Version old = cur.version;
        KeyValue written = put(s, op.key(), op.keyBytes(), op.value(), op.attributes(), op.ttlMillis(), rev,
                old.createRevision(), old.revision(), old.expiresAtMillis());
        s.round.events.add(new WatchEvent(WatchEvent.Type.PUT, written, rev, false));
        s.round.complete(() -> op.result().complete(new WriteResult.Written(written)));
    }

    private KeyValue put(RoundState s, String key, byte[] keyBytes, byte[] value, Attributes attributes,
                         long ttlMillis, long rev, long createRev, long prevRev, long oldExpiry) {
        long expiresAt = ttlMillis > 0 ? clock.now().toEpochMilli() + ttlMillis : 0;
        Batch b = s.batch;
        b.put(Space.LOG, Codec.logKey(rev), Codec.encodeLog(Codec.PUT, keyBytes, createRev, prevRev, value));
        byte[] version = Codec.encodeVersion(Codec.PUT, createRev, expiresAt, attributes);
        b.put(Space.HISTORY, Codec.historyKey(keyBytes, rev), version);
        b.put(Space.LATEST, keyBytes, Codec.encodeLatest(rev, version));
        for (Map.Entry<String, String> a : attributes.values().entrySet()) {
            // Index entries are removed by compaction, once no retained version has the attribute any more.
            b.put(Space.ATTRIBUTES, Codec.attributeKey(a.getKey(), a.getValue(), keyBytes), Codec.empty());
        }
        if (oldExpiry > 0) {
            b.delete(Space.EXPIRY, Codec.expiryKey(oldExpiry, keyBytes));
        }
        if (expiresAt > 0) {
            b.put(Space.EXPIRY, Codec.expiryKey(expiresAt, keyBytes), Codec.empty());
        }
        s.pending.put(key, new Pending(new Version(rev, Codec.PUT, createRev, expiresAt, attributes), value));
        return new KeyValue(key, value, createRev, rev);
    }

    /**
     * The compare-and-swap check of an update or delete: the key's current version when it exists and its
     * modRevision is {@code expected} (or any, with {@link KeyValueStore#ANY_REVISION}); otherwise answers the
     * caller NotFound or Conflict and returns {@code null}.
     */
    private Pending matchingCurrent(RoundState s, String key, byte[] keyBytes, long expected,
                                    CompletableFuture<WriteResult> result) {
        Pending cur = s.current(key, keyBytes);
        if (cur == null || !cur.exists()) {
            s.round.complete(() -> result.complete(new WriteResult.NotFound(key)));
            return null;
        }
        if (expected != KeyValueStore.ANY_REVISION && expected != cur.version.revision()) {
            KeyValue current = s.kvOf(key, cur);
            s.round.complete(() -> result.complete(new WriteResult.Conflict(current)));
            return null;
        }
        return cur;
    }

    private void delete(WriteOp.Delete op, RoundState s) {
        Pending cur = matchingCurrent(s, op.key(), op.keyBytes(), op.expectedModRevision(), op.result());
        if (cur == null) {
            return;
        }
        KeyValue deleted = remove(s, op.key(), op.keyBytes(), cur);
        s.round.complete(() -> op.result().complete(new WriteResult.Written(deleted)));
    }

    private KeyValue remove(RoundState s, String key, byte[] keyBytes, Pending cur) {
        long rev = ++applied;
        Version old = cur.version;
        byte[] lastValue = s.valueOf(cur);
        Batch b = s.batch;
        b.put(Space.LOG, Codec.logKey(rev),
                Codec.encodeLog(Codec.DELETE, keyBytes, old.createRevision(), old.revision(), Codec.empty()));
        byte[] marker = Codec.encodeVersion(Codec.DELETE, old.createRevision(), 0, Attributes.NONE);
        b.put(Space.HISTORY, Codec.historyKey(keyBytes, rev), marker);
        // The deletion stays the key's latest version until compaction passes it.
        b.put(Space.LATEST, keyBytes, Codec.encodeLatest(rev, marker));
        if (old.expiresAtMillis() > 0) {
            b.delete(Space.EXPIRY, Codec.expiryKey(old.expiresAtMillis(), keyBytes));
        }
        s.pending.put(key, new Pending(new Version(rev, Codec.DELETE, old.createRevision(), 0, Attributes.NONE),
                null));
        KeyValue deleted = new KeyValue(key, lastValue, old.createRevision(), rev);
        s.round.events.add(new WatchEvent(WatchEvent.Type.DELETE, deleted, rev, false));
        return deleted;
    }

    /** Expires up to {@code budget} more candidates; returns whether the chunk is done (and answered). */
    private boolean expire(ExpireProgress progress, RoundState s, int budget) {
        long now = clock.now().toEpochMilli();
        List<WriteOp.ExpiryCandidate> candidates = progress.op.candidates();
        int end = (int) Math.min(candidates.size(), (long) progress.next + budget);
        for (; progress.next < end; progress.next++) {
            WriteOp.ExpiryCandidate c = candidates.get(progress.next);
            String key = new String(c.key(), StandardCharsets.UTF_8);
            Pending cur = s.current(key, c.key());
            if (cur != null && cur.exists() && cur.version.expiresAtMillis() == c.expiresAtMillis()) {
                if (c.expiresAtMillis() <= now) {
                    remove(s, key, c.key(), cur);
                    progress.expired++;
                }
            } else {
                // The key was rewritten or deleted since the reaper looked; its old expiry entry is stale.
                s.batch.delete(Space.EXPIRY, Codec.expiryKey(c.expiresAtMillis(), c.key()));
            }
        }
        if (progress.next < candidates.size()) {
            return false;
        }
        int count = progress.expired;
        s.round.complete(() -> progress.op.result().complete(count));
        return true;
    }

    private void compact(WriteOp.Compact op, RoundState s) {
        long target = op.revision();
        if (target > applied) {
            s.round.complete(() -> op.result().completeExceptionally(new IllegalArgumentException(
                    "cannot compact revision " + target + ": the store is at revision " + applied)));
            return;
        }
        if (target > revisions.compacted()) {
            s.batch.put(Space.META, Codec.META_COMPACTED, Codec.longBytes(target));
            // Published now, before any history is discarded, so that readers fail rather than see a torn past.
            revisions.publishCompacted(target);
        }
        s.round.complete(() -> op.result().complete(null));
    }

    private void compactChunk(WriteOp.CompactChunk op, RoundState s, int budget) {
        int limit = Math.min(op.maxRevisions(), budget);
        long target = revisions.compacted();
        if (compactProgress >= target) {
            s.round.complete(() -> op.result().complete(false));
            return;
        }
        Map<String, Set<Long>> removed = new HashMap<>();
        Map<String, Set<Map.Entry<String, String>>> droppedAttributes = new HashMap<>();
        long progress = compactProgress;
        int seen = 0;
        byte[] from = Codec.logKey(compactProgress + 1);
        try (Cursor c = kv.cursor(Space.LOG, from, Codec.logKey(target + 1))) {
            for (c.seek(from); c.valid() && seen < limit; c.next(), seen++) {
                long rev = Codec.readLong(c.key(), 0);
                LogEntry e = Codec.decodeLog(rev, c.value());
                byte[] keyBytes = e.key().getBytes(StandardCharsets.UTF_8);
                if (e.prevRevision() > 0) {
                    // This change superseded an older version, which nobody can read any more.
                    discard(s, e.key(), keyBytes, e.prevRevision(), removed, droppedAttributes);
                }
                if (e.isDelete()) {
                    discard(s, e.key(), keyBytes, rev, removed, droppedAttributes);
                    byte[] latest = kv.get(Space.LATEST, keyBytes);
                    if (latest != null && Codec.latestRevision(latest) == rev) {
                        // Deleted before the compaction revision and not written since: forget the key entirely.
                        s.batch.delete(Space.LATEST, keyBytes);
                    }
                }
                progress = rev;
            }
            if (!c.valid()) {
                progress = target;
            }
        }
        // An index entry goes once no remaining version of the key carries the attribute.
        for (Map.Entry<String, Set<Map.Entry<String, String>>> e : droppedAttributes.entrySet()) {
            byte[] keyBytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            Set<Map.Entry<String, String>> kept = attributesOfRemaining(keyBytes, removed.get(e.getKey()));
            for (Map.Entry<String, String> a : e.getValue()) {
                if (!kept.contains(a)) {
                    s.batch.delete(Space.ATTRIBUTES, Codec.attributeKey(a.getKey(), a.getValue(), keyBytes));
                }
            }
        }
        compactProgress = progress;
        s.batch.put(Space.META, Codec.META_COMPACT_PROGRESS, Codec.longBytes(progress));
        boolean more = progress < revisions.compacted();
        s.round.complete(() -> op.result().complete(more));
    }

    private void discard(RoundState s, String key, byte[] keyBytes, long rev, Map<String, Set<Long>> removed,
                         Map<String, Set<Map.Entry<String, String>>> droppedAttributes) {
        byte[] hk = Codec.historyKey(keyBytes, rev);
        byte[] raw = kv.get(Space.HISTORY, hk);
        if (raw != null) {
            Version v = Codec.decodeVersion(rev, raw);
            if (!v.attributes().values().isEmpty()) {
                droppedAttributes.computeIfAbsent(key, k -> new HashSet<>()).addAll(v.attributes().values().entrySet());
            }
        }
        removed.computeIfAbsent(key, k -> new HashSet<>()).add(rev);
        s.batch.delete(Space.HISTORY, hk);
        s.batch.delete(Space.LOG, Codec.logKey(rev));
    }

    private Set<Map.Entry<String, String>> attributesOfRemaining(byte[] keyBytes, Set<Long> removedRevisions) {
        Set<Map.Entry<String, String>> kept = new HashSet<>();
        byte[] lower = Codec.historyStart(keyBytes);
        try (Cursor c = kv.cursor(Space.HISTORY, lower, Codec.historyKey(keyBytes, Long.MAX_VALUE))) {
            for (c.seek(lower); c.valid(); c.next()) {
                byte[] hk = c.key();
                if (!Codec.isHistoryOf(hk, keyBytes)) {
                    continue;
                }
                long rev = Codec.historyRevision(hk);
                if (removedRevisions == null || !removedRevisions.contains(rev)) {
                    kept.addAll(Codec.decodeVersion(rev, c.value()).attributes().values().entrySet());
                }
            }
        }
        return kept;
    }

    // ------------------------------------------------------------------ sync thread

    private void syncLoop() {
        List<Round> rounds = new ArrayList<>();
        while (true) {
            rounds.clear();
            try {
                rounds.add(toSync.take());
            } catch (InterruptedException e) {
                continue;
            }
            toSync.drainTo(rounds);
            boolean stop = rounds.remove(Round.POISON);
            if (!rounds.isEmpty()) {
                syncAndAcknowledge(rounds);
            }
            if (stop) {
                return;
            }
        }
    }

    private void syncAndAcknowledge(List<Round> rounds) {
        if (broken == null) {
            try {
                kv.sync();
            } catch (RuntimeException e) {
                // Writes are applied but maybe not durable: nothing the store says can be trusted any more.
                broken = new StorageException.Unavailable("sync failed, the store must be reopened", e);
                log.error("kevents storage: sync failed; failing all further writes", e);
            }
        }
        if (broken != null) {
            rounds.forEach(r -> r.failAll(broken));
            return;
        }
        for (Round round : rounds) {
            revisions.publishVisible(round.lastRevision);
            publisher.accept(round);
            round.completeAll();
        }
    }

    /** The outcome of one batch: what watchers see and how to answer each caller, once it is durable. */
    static final class Round {
        static final Round POISON = new Round(List.of());

        final List<WatchEvent> events = new ArrayList<>();
        private final List<Runnable> completions = new ArrayList<>();
        private final List<WriteOp> ops;
        long lastRevision;

        Round(List<WriteOp> ops) {
            this.ops = ops;
        }

        void complete(Runnable completion) {
            completions.add(completion);
        }

        void completeAll() {
            for (Runnable r : completions) {
                r.run();
            }
        }

        void failAll(StorageException cause) {
            ops.forEach(op -> op.fail(cause));
        }
    }
}
