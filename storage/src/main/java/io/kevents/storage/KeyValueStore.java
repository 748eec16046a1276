package io.kevents.storage;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A revisioned key-value store with etcd's model, used by the API server for every resource.
 *
 * <p>Every successful write (create, update, delete, TTL expiry) advances one store-wide revision; the new
 * revision becomes the written key's {@link KeyValue#modRevision()}. Writes committed together may share one
 * revision (the etcd store groups concurrent writes into one etcd transaction, which has one revision); writes
 * issued one after the other never do, and a watch receives all changes of one revision in one batch. Values are opaque bytes: the API server owns
 * their format. Writes may carry a TTL, after which the key is deleted as if by {@link #delete} (watchers see a
 * {@link WatchEvent.Type#DELETE}); a later write of the key replaces its TTL.
 *
 * <p>Operations are asynchronous so that an event-loop server never blocks on storage, and so that concurrent
 * writes can be group-committed. Expected outcomes (the key exists, a revision conflict) complete normally with a
 * {@link WriteResult}; only failures of the store itself complete exceptionally, with a {@link StorageException}.
 */
public interface KeyValueStore extends AutoCloseable {

    /** The revision of the last write, or 0 for an empty store that has never been written. */
    CompletableFuture<Long> currentRevision();

    /** Reads the current value of {@code key}. */
    CompletableFuture<Optional<KeyValue>> get(String key);

    /**
     * Creates {@code key} if it is absent.
     *
     * @param attributes indexed attributes of the value (see {@link ListOptions#attributes()}); may be empty
     * @param ttl        time to live after this write, or {@link Duration#ZERO} for none
     * @return {@link WriteResult.Written} or {@link WriteResult.AlreadyExists}
     */
    CompletableFuture<WriteResult> create(String key, byte[] value, Attributes attributes, Duration ttl);

    /**
     * Replaces the value of {@code key} if its current {@link KeyValue#modRevision()} equals
     * {@code expectedModRevision} (compare-and-swap), or unconditionally when {@code expectedModRevision} is
     * {@link #ANY_REVISION}.
     *
     * @return {@link WriteResult.Written}, {@link WriteResult.NotFound} or {@link WriteResult.Conflict}
     */
    CompletableFuture<WriteResult> update(String key, long expectedModRevision, byte[] value, Attributes attributes,
                                          Duration ttl);

    /**
     * Deletes {@code key} if its modRevision equals {@code expectedModRevision}, or unconditionally with
     * {@link #ANY_REVISION}.
     *
     * @return {@link WriteResult.Written} carrying the deleted value and, as modRevision, the deletion revision;
     *         or {@link WriteResult.NotFound} or {@link WriteResult.Conflict}
     */
    CompletableFuture<WriteResult> delete(String key, long expectedModRevision);

    /**
     * Lists keys under {@code prefix} in byte order of their keys, all read at one revision.
     *
     * <p>A first page (no {@link ListOptions#revision()}) reads at the current revision; following pages pass
     * the {@link ListResult#revision()} and {@link ListResult#nextStartKey()} of the previous page and so see the
     * same snapshot. Reading at a revision older than the last compaction fails with
     * {@link StorageException.Compacted}.
     */
    CompletableFuture<ListResult> list(String prefix, ListOptions options);

    /**
     * Watches every change of keys under {@code prefix} with a revision strictly greater than
     * {@code afterRevision}, in revision order; history since {@code afterRevision} is replayed first.
     *
     * <p>If {@code afterRevision} is older than the last compaction the watch ends at once through
     * {@link WatchListener#onClosed(StorageException)} with a {@link StorageException.Compacted}. The listener
     * is called from the store's threads, never concurrently for one watch.
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /**
     * Discards history (old values and deletions) up to and including {@code revision}. Lists at a revision before
     * it, and watches from before it (an {@code afterRevision} lower than it), then fail with
     * {@link StorageException.Compacted}; the state at {@code revision} itself stays readable, as in etcd.
     * Compacting to an already compacted revision does nothing. Stores may also compact on their own.
     */
    CompletableFuture<Void> compact(long revision);

    /** Stops background work and releases files and connections. Writes already acknowledged are kept. */
    @Override
    void close();

    /** Passed as an expected revision: write whatever the current revision is. */
    long ANY_REVISION = -1;
}
