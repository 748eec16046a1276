package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;
import io.kevents.storage.WriteResult;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A request to the {@link GroupCommitWriter}: a caller's write, or a chunk of background maintenance. */
sealed interface WriteOp {

    /** The future the op completes. */
    CompletableFuture<?> result();

    /** Completes the op's future with a failure. */
    default void fail(Throwable cause) {
        result().completeExceptionally(cause);
    }

    /** Create if absent. */
    record Create(String key, byte[] keyBytes, byte[] value, Attributes attributes, long ttlMillis,
                  CompletableFuture<WriteResult> result) implements WriteOp {
    }

    /** Compare-and-swap (or unconditional) replace. */
    record Update(String key, byte[] keyBytes, long expectedModRevision, byte[] value, Attributes attributes,
                  long ttlMillis, CompletableFuture<WriteResult> result) implements WriteOp {
    }

    /** Compare-and-swap (or unconditional) delete. */
    record Delete(String key, byte[] keyBytes, long expectedModRevision, CompletableFuture<WriteResult> result)
            implements WriteOp {
    }

    /** Deletes keys whose TTL ran out, if they still carry the expiry the reaper saw; completes with the count. */
    record Expire(List<ExpiryCandidate> candidates, CompletableFuture<Integer> result) implements WriteOp {
    }

    /** A key the reaper found due. */
    record ExpiryCandidate(byte[] key, long expiresAtMillis) {
    }

    /** Moves the compaction revision (cheap; {@link CompactChunk}s then discard the history). */
    record Compact(long revision, CompletableFuture<Void> result) implements WriteOp {
    }

    /** Discards the history of up to {@code maxRevisions} compacted revisions; completes with "more to do". */
    record CompactChunk(int maxRevisions, CompletableFuture<Boolean> result) implements WriteOp {
    }
}
