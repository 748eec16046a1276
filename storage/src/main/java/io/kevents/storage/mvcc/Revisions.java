package io.kevents.storage.mvcc;

import io.kevents.storage.StorageException;

/**
 * The two revisions every part of an {@link MvccStore} agrees on: the last revision visible to readers (durable
 * and acknowledged) and the last compacted revision. Only the writer side moves them, always forwards.
 */
final class Revisions {

    private volatile long visible;
    private volatile long compacted;

    Revisions(long visible, long compacted) {
        this.visible = visible;
        this.compacted = compacted;
    }

    long visible() {
        return visible;
    }

    long compacted() {
        return compacted;
    }

    void publishVisible(long revision) {
        if (revision > visible) {
            visible = revision;
        }
    }

    void publishCompacted(long revision) {
        if (revision > compacted) {
            compacted = revision;
        }
    }

    /**
     * Fails if reading at {@code revision} needs history that is compacted. Called before a read and again after
     * it, because a compaction may have removed entries while the read ran.
     */
    void checkReadable(long revision) {
        long c = compacted;
        if (revision < c) {
            throw new StorageException.Compacted(revision, c);
        }
    }
}
