package io.kevents.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.kevents.storage.KeyValue;
import io.kevents.storage.KeyValueStore;
import io.kevents.storage.StorageException;
import io.kevents.storage.WriteResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Groups concurrent writes into etcd transactions. etcd commits one transaction about as fast as one put, so
 * grouping is what lifts the write rate from about 1,500 to tens of thousands per second.
 *
 * <p>A group is one transaction: {@code If} every write's own condition, {@code Then} every write, {@code Else}
 * read every key. If all conditions hold, all writes happen at one revision. If one fails, the {@code Else} reads
 * show, at one revision, which writes' conditions failed: those get their answer (already exists, conflict, not
 * found) and the others are sent again in the next group, so each round settles at least one write.
 *
 * <p>Writes grouped together share a revision, as etcd gives one revision to a transaction; their watch events
 * arrive together. While a transaction is pending, new writes wait and form the next group, so groups grow with
 * the load; more transactions (up to {@link EtcdOptions#maxTxnsInFlight()}) are sent only with full groups. An idle batcher sends a write at once. But when a group has just
 * been answered, its writers typically come back with their next write within a fraction of a millisecond; sending
 * the first of them alone would split the load into one tiny and one large group forever. So the batcher lingers
 * (at most {@link EtcdOptions#linger()}) until as many writes wait as the answered group held, like PostgreSQL's
 * {@code commit_delay} with {@code commit_siblings}.
 */
final class TxnBatcher {

    private final KV kv;
    private final EtcdOptions options;
    private final ScheduledExecutorService lingerTimer;
    private final ArrayDeque<Write> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;
    /** While lingering: how many waiting writes end the linger early; 0 when not lingering. */
    private int lingerUntil;
    private long lingerGeneration;

    private final Runnable onLeaseNotFound;

    /**
     * @param onLeaseNotFound called when etcd refuses a transaction for an unknown lease (for example, etcd's data
     *                        was replaced), so that the lease manager stops handing out that lease
     */
    TxnBatcher(KV kv, EtcdOptions options, Runnable onLeaseNotFound) {
        this.kv = kv;
        this.options = options;
        this.onLeaseNotFound = onLeaseNotFound;
        this.lingerTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kevents-etcd-linger");
            t.setDaemon(true);
            return t;
        });
    }

    /** The kinds of write. */
    enum Kind { CREATE, UPDATE, DELETE }

    /** One caller's write; {@code lease} is 0 for none. */
    record Write(Kind kind, String key, ByteSequence keyBytes, byte[] value, long expected, long lease,
                 CompletableFuture<WriteResult> result) {
        int bytes() {
            return keyBytes.size() + (value == null ? 0 : value.length) + 64;
        }
    }

    void submit(Write write) {
        synchronized (this) {
            if (closed) {
                write.result().completeExceptionally(new StorageException.Unavailable("store is closed", null));
                return;
            }
            queue.add(write);
            if (lingerUntil > 0 && queue.size() >= lingerUntil) {
                lingerUntil = 0;
            }
        }
        pump();
    }

    /** Fails queued writes; transactions in flight still complete. */
    void close() {
        List<Write> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(queue);
            queue.clear();
        }
        lingerTimer.shutdownNow();
        left.forEach(w -> w.result().completeExceptionally(new StorageException.Unavailable("store is closed", null)));
    }

    /** Sends groups while there is room in flight and writes waiting. */
    private void pump() {
        while (true) {
            List<Write> group;
            synchronized (this) {
                if (queue.isEmpty() || lingerUntil > 0 || inFlight >= options.maxTxnsInFlight()) {
                    return;
                }
                if (inFlight > 0 && queue.size() < options.maxOpsPerTxn()) {
                    // A second transaction in flight only pays off with a full group; otherwise wait and grow.
                    return;
                }
                group = takeGroup();
                inFlight++;
            }
            send(group);
        }
    }

    /** Takes writes in arrival order, skipping (for the next group) any whose key is already in this one. */
    private List<Write> takeGroup() {
        List<Write> group = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int bytes = 0;
        for (Iterator<Write> it = queue.iterator(); it.hasNext() && group.size() < options.maxOpsPerTxn(); ) {
            Write w = it.next();
            if (!group.isEmpty() && bytes + w.bytes() > options.maxTxnBytes()) {
                break;
            }
            if (keys.add(w.key())) {
                // etcd rejects a transaction that writes one key twice.
                it.remove();
                group.add(w);
                bytes += w.bytes();
            }
        }
        return group;
    }

    private void send(List<Write> group) {
        Cmp[] conditions = new Cmp[group.size()];
        Op[] writes = new Op[group.size()];
        Op[] reads = new Op[group.size()];
        for (int i = 0; i < group.size(); i++) {
            Write w = group.get(i);
            conditions[i] = condition(w);
            writes[i] = operation(w);
            reads[i] = Op.get(w.keyBytes(), GetOption.DEFAULT);
        }
        CompletableFuture<TxnResponse> response;
        try {
            response = kv.txn().If(conditions).Then(writes).Else(reads).commit()
                    .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, failure) -> {
            List<Write> retry = List.of();
            try {
                if (failure != null) {
                    String message = String.valueOf(EtcdErrors.unwrap(failure).getMessage());
                    if (message.contains("lease not found")) {
                        onLeaseNotFound.run();
                    }
                    StorageException error = EtcdErrors.toStorageException("etcd transaction failed", failure);
                    group.forEach(w -> w.result().completeExceptionally(error));
                } else if (r.isSucceeded()) {
                    succeeded(group, r);
                } else {
                    retry = failed(group, r);
                }
            } catch (RuntimeException e) {
                StorageException error = EtcdErrors.toStorageException("unexpected etcd answer", e);
                group.forEach(w -> w.result().completeExceptionally(error));
            }
            synchronized (this) {
                inFlight--;
                if (closed) {
                    retry.forEach(w -> w.result().completeExceptionally(
                            new StorageException.Unavailable("store is closed", null)));
                } else {
                    // Writes that were only held back by others' failed conditions go first.
                    for (int i = retry.size() - 1; i >= 0; i--) {
                        queue.addFirst(retry.get(i));
                    }
                    lingerFor(group.size() - retry.size());
                }
            }
            pump();
        });
    }

    /** After {@code answered} writes got their answer, waits briefly for them to return (caller holds the lock). */
    private void lingerFor(int answered) {
        int expected = Math.min(answered, options.maxOpsPerTxn());
        if (options.linger().isZero() || expected <= 1 || queue.size() >= expected || lingerUntil > 0) {
            return;
        }
        lingerUntil = expected;
        long generation = ++lingerGeneration;
        try {
            lingerTimer.schedule(() -> {
                synchronized (this) {
                    if (lingerGeneration == generation) {
                        lingerUntil = 0;
                    }
                }
                pump();
            }, options.linger().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            lingerUntil = 0;
        }
    }

    private static Cmp condition(Write w) {
        if (w.kind() == Kind.CREATE) {
            return new Cmp(w.keyBytes(), Cmp.Op.EQUAL, CmpTarget.createRevision(0));
        }
        if (w.expected() == KeyValueStore.ANY_REVISION) {
            // The key exists.
            return new Cmp(w.keyBytes(), Cmp.Op.GREATER, CmpTarget.createRevision(0));
        }
        return new Cmp(w.keyBytes(), Cmp.Op.EQUAL, CmpTarget.modRevision(w.expected()));
    }

    private static Op operation(Write w) {
        if (w.kind() == Kind.DELETE) {
            return Op.delete(w.keyBytes(), DeleteOption.builder().withPrevKV(true).build());
        }
        PutOption.Builder put = PutOption.builder();
        if (w.kind() == Kind.UPDATE) {
            put.withPrevKV();
        }
        if (w.lease() != 0) {
            put.withLeaseId(w.lease());
        }
        return Op.put(w.keyBytes(), ByteSequence.from(w.value()), put.build());
    }

    private static void succeeded(List<Write> group, TxnResponse r) {
        long revision = r.getHeader().getRevision();
        List<PutResponse> puts = r.getPutResponses();
        List<DeleteResponse> deletes = r.getDeleteResponses();
        int put = 0;
        int delete = 0;
        for (Write w : group) {
            switch (w.kind()) {
                case CREATE -> {
                    put++;
                    w.result().complete(new WriteResult.Written(new KeyValue(w.key(), w.value(), revision, revision)));
                }
                case UPDATE -> {
                    PutResponse p = puts.get(put++);
                    long created = p.hasPrevKv() ? p.getPrevKv().getCreateRevision() : revision;
                    w.result().complete(new WriteResult.Written(new KeyValue(w.key(), w.value(), created, revision)));
                }
                case DELETE -> {
                    DeleteResponse d = deletes.get(delete++);
                    io.etcd.jetcd.KeyValue prev = d.getPrevKvs().get(0);
                    w.result().complete(new WriteResult.Written(new KeyValue(w.key(), prev.getValue().getBytes(),
                            prev.getCreateRevision(), revision)));
                }
            }
        }
    }

    /** Answers the writes whose condition failed; returns the others, to send again. */
    private static List<Write> failed(List<Write> group, TxnResponse r) {
        List<GetResponse> reads = r.getGetResponses();
        List<Write> retry = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Write w = group.get(i);
            List<io.etcd.jetcd.KeyValue> found = reads.get(i).getKvs();
            KeyValue current = found.isEmpty() ? null : EtcdStore.toKeyValue(found.get(0));
            WriteResult answer = null;
            if (w.kind() == Kind.CREATE) {
                if (current != null) {
                    answer = new WriteResult.AlreadyExists(current);
                }
            } else if (current == null) {
                answer = new WriteResult.NotFound(w.key());
            } else if (w.expected() != KeyValueStore.ANY_REVISION && current.modRevision() != w.expected()) {
                answer = new WriteResult.Conflict(current);
            }
            if (answer != null) {
                w.result().complete(answer);
            } else {
                retry.add(w);
            }
        }
        if (retry.size() == group.size()) {
            // Cannot happen with etcd's atomic transactions; fail rather than loop if it ever did.
            StorageException error = new StorageException("etcd transaction failed without a failed condition");
            retry.forEach(w -> w.result().completeExceptionally(error));
            return List.of();
        }
        return retry;
    }
}
