package io.kevents.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
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
import io.kevents.time.Clock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The store on a real etcd cluster, for installations that outgrow one machine. Keys are stored as given, so the
 * API server's Kubernetes layout ({@code /registry/events/<namespace>/<name>}) is what {@code etcdctl get --prefix
 * /registry/events} shows.
 *
 * <p>Writes are grouped into transactions by {@link TxnBatcher}; TTLs become shared leases from
 * {@link LeaseManager}; watches are etcd watches ({@link EtcdWatch}). etcd has no attribute index:
 * {@link ListOptions#attributes()} is ignored, as its contract allows, and callers filter.
 *
 * <p>Unlike the embedded store, writes grouped into one transaction share one revision (etcd gives each
 * transaction one revision). Compare-and-swap stays per key, and a watch receives all changes of one revision in
 * one batch.
 */
public final class EtcdStore implements KeyValueStore {

    private final Client client;
    private final KV kv;
    private final TxnBatcher batcher;
    private final LeaseManager leases;
    private final EtcdOptions options;
    private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
    /** The highest compaction revision this store has seen (its own compactions, or etcd's errors). */
    private final AtomicLong knownCompacted = new AtomicLong();
    private volatile boolean closed;

    private EtcdStore(Client client, Clock clock, EtcdOptions options) {
        this.client = client;
        this.kv = client.getKVClient();
        this.options = options;
        this.leases = new LeaseManager(client.getLeaseClient(), clock, options.leaseReuse(),
                options.leaseMaxObjects());
        this.batcher = new TxnBatcher(kv, options, leases::forget);
    }

    /**
     * Connects to the etcd cluster at {@code endpoints} (e.g. {@code http://127.0.0.1:2379}). Connecting is lazy:
     * an unreachable cluster shows up as {@link StorageException.Unavailable} on the first request.
     */
    public static EtcdStore connect(List<URI> endpoints, Clock clock, EtcdOptions options) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one etcd endpoint is needed");
        }
        Client client = Client.builder().endpoints(endpoints.toArray(URI[]::new)).build();
        return new EtcdStore(client, clock, options);
    }

    /** Connects with default options. */
    public static EtcdStore connect(List<URI> endpoints, Clock clock) {
        return connect(endpoints, clock, EtcdOptions.DEFAULTS);
    }

    static String keyString(ByteSequence key) {
        return key.toString(StandardCharsets.UTF_8);
    }

    static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(keyString(kv.getKey()), kv.getValue().getBytes(), kv.getCreateRevision(),
                kv.getModRevision());
    }

    private <T, R> CompletableFuture<R> call(String what, CompletableFuture<T> request, Function<T, R> answer) {
        CompletableFuture<R> result = new CompletableFuture<>();
        request.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, failure) -> {
            if (failure != null) {
                result.completeExceptionally(EtcdErrors.toStorageException(what, failure));
                return;
            }
            try {
                result.complete(answer.apply(r));
            } catch (RuntimeException e) {
                result.completeExceptionally(EtcdErrors.toStorageException(what, e));
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Long> currentRevision() {
        if (closed) {
            return closedFuture();
        }
        // Any read's header carries the store revision; a count of one absent key is the cheapest read.
        GetOption countOnly = GetOption.builder().withCountOnly(true).build();
        return call("reading the revision", kv.get(ByteSequence.from(new byte[] {0}), countOnly),
                r -> r.getHeader().getRevision());
    }

    @Override
    public CompletableFuture<Optional<KeyValue>> get(String key) {
        byte[] keyBytes = Keys.bytes(key);
        if (closed) {
            return closedFuture();
        }
        return call("get " + key, kv.get(ByteSequence.from(keyBytes)),
                r -> r.getKvs().isEmpty() ? Optional.empty() : Optional.of(toKeyValue(r.getKvs().get(0))));
    }

    @Override
    public CompletableFuture<WriteResult> create(String key, byte[] value, Attributes attributes, Duration ttl) {
        byte[] keyBytes = checkWrite(key, value, attributes, ttl);
        return write(TxnBatcher.Kind.CREATE, key, keyBytes, value.clone(), ANY_REVISION, ttl);
    }

    @Override
    public CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value,
                                                 Attributes attributes, Duration ttl) {
        byte[] keyBytes = checkWrite(key, value, attributes, ttl);
        StoreArguments.checkExpected(expectedModRevision);
        return write(TxnBatcher.Kind.UPDATE, key, keyBytes, value.clone(), expectedModRevision, ttl);
    }

    @Override
    public CompletableFuture<WriteResult> delete(String key, long expectedModRevision) {
        byte[] keyBytes = Keys.bytes(key);
        StoreArguments.checkExpected(expectedModRevision);
        return write(TxnBatcher.Kind.DELETE, key, keyBytes, null, expectedModRevision, Duration.ZERO);
    }

    /** Checks a write's arguments; the key's bytes. */
    private static byte[] checkWrite(String key, byte[] value, Attributes attributes, Duration ttl) {
        byte[] keyBytes = Keys.bytes(key);
        StoreArguments.checkWrite(value, attributes, ttl);
        return keyBytes;
    }

    private CompletableFuture<WriteResult> write(TxnBatcher.Kind kind, String key, byte[] keyUtf8, byte[] value,
                                                 long expected, Duration ttl) {
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        if (closed) {
            return closedFuture();
        }
        ByteSequence keyBytes = ByteSequence.from(keyUtf8);
        if (ttl.isZero()) {
            batcher.submit(new TxnBatcher.Write(kind, key, keyBytes, value, expected, 0, result));
            return result;
        }
        leases.leaseFor(ttl)
                .orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((lease, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(EtcdErrors.toStorageException("granting a lease", failure));
                    } else {
                        batcher.submit(new TxnBatcher.Write(kind, key, keyBytes, value, expected, lease, result));
                    }
                });
        return result;
    }

    @Override
    public CompletableFuture<ListResult> list(String prefix, ListOptions options) {
        byte[] prefixBytes = Keys.prefixBytes(prefix);
        if (closed) {
            return closedFuture();
        }
        byte[] start = prefixBytes.length == 0 ? new byte[] {0} : prefixBytes;
        if (options.startKey() != null) {
            byte[] from = Keys.bytes(options.startKey());
            if (java.util.Arrays.compareUnsigned(from, start) > 0) {
                start = from;
            }
        }
        byte[] end = Keys.prefixEnd(prefixBytes);
        GetOption.Builder get = GetOption.builder()
                // etcd reads "\0" as range end as "to the end of the key space".
                .withRange(ByteSequence.from(end == null ? new byte[] {0} : end))
                .withSortField(GetOption.SortTarget.KEY)
                .withSortOrder(GetOption.SortOrder.ASCEND);
        if (options.revision() > 0) {
            get.withRevision(options.revision());
        }
        if (options.limit() > 0) {
            // One more than asked: its key is the next page's first key.
            get.withLimit(options.limit() + 1L);
        }
        if (end != null && java.util.Arrays.compareUnsigned(start, end) >= 0) {
            return currentRevision().thenApply(rev -> new ListResult(List.of(),
                    options.revision() > 0 ? options.revision() : rev, null));
        }
        CompletableFuture<ListResult> result = new CompletableFuture<>();
        kv.get(ByteSequence.from(start), get.build())
                .orTimeout(this.options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, failure) -> {
                    if (failure != null) {
                        if (EtcdErrors.isCompacted(failure)) {
                            long compacted = Math.max(knownCompacted.get(), options.revision());
                            result.completeExceptionally(new StorageException.Compacted(options.revision(), compacted));
                        } else {
                            result.completeExceptionally(EtcdErrors.toStorageException("list " + prefix, failure));
                        }
                        return;
                    }
                    List<io.etcd.jetcd.KeyValue> kvs = r.getKvs();
                    int limit = options.limit() == 0 ? Integer.MAX_VALUE : options.limit();
                    List<KeyValue> items = new ArrayList<>(Math.min(kvs.size(), limit));
                    String next = null;
                    for (io.etcd.jetcd.KeyValue e : kvs) {
                        if (items.size() == limit) {
                            next = keyString(e.getKey());
                            break;
                        }
                        items.add(toKeyValue(e));
                    }
                    long revision = options.revision() > 0 ? options.revision() : r.getHeader().getRevision();
                    result.complete(new ListResult(items, revision, next));
                });
        return result;
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        byte[] prefixBytes = Keys.prefixBytes(prefix);
        StoreArguments.checkAfterRevision(afterRevision);
        if (closed) {
            throw new StorageException.Unavailable("store is closed", null);
        }
        EtcdWatch watch = new EtcdWatch(listener, afterRevision, this);
        long compacted = knownCompacted.get();
        if (afterRevision < compacted) {
            // etcd would still serve a watch starting at the compaction revision itself; be as strict as the contract.
            CompletableFuture.runAsync(() -> watch.finish(new StorageException.Compacted(afterRevision, compacted)),
                    CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS));
            return watch;
        }
        watches.add(watch);
        byte[] end = Keys.prefixEnd(prefixBytes);
        WatchOption option = WatchOption.builder()
                .withRange(ByteSequence.from(end == null ? new byte[] {0} : end))
                .withRevision(afterRevision + 1)
                .withPrevKV(true)
                .withProgressNotify(true)
                .build();
        watch.attach(client.getWatchClient().watch(
                ByteSequence.from(prefixBytes.length == 0 ? new byte[] {0} : prefixBytes), option, watch));
        return watch;
    }

    void forget(EtcdWatch watch) {
        watches.remove(watch);
    }

    void noteCompacted(long revision) {
        knownCompacted.accumulateAndGet(revision, Math::max);
    }

    @Override
    public CompletableFuture<Void> compact(long revision) {
        if (closed) {
            return closedFuture();
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        kv.compact(revision).orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, failure) -> {
                    if (failure == null || EtcdErrors.isCompacted(failure)) {
                        // Compacting to an already compacted revision changes nothing, as in the embedded store.
                        noteCompacted(revision);
                        result.complete(null);
                    } else {
                        result.completeExceptionally(EtcdErrors.toStorageException("compact " + revision, failure));
                    }
                });
        return result;
    }

    private static <T> CompletableFuture<T> closedFuture() {
        return CompletableFuture.failedFuture(new StorageException.Unavailable("store is closed", null));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        batcher.close();
        for (EtcdWatch w : new ArrayList<>(watches)) {
            w.finish(new StorageException.Unavailable("store is closed", null));
        }
        client.close();
    }
}
