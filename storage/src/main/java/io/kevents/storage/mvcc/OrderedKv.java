package io.kevents.storage.mvcc;

/**
 * The engine under an {@link MvccStore}: a few ordered byte maps ("spaces") with atomic multi-space batches. This
 * is the driver interface, like kine's SQL dialects: the revision log, history, indexes and expiry are built on top
 * of it once, by {@link MvccStore}, for every engine.
 *
 * <p>Keys are compared as unsigned bytes. One thread applies batches; any thread may read while it does. Readers
 * must tolerate seeing the entries of a batch applied concurrently (the store reads at a published revision and
 * ignores newer entries), so engines need not offer snapshots.
 */
public interface OrderedKv extends AutoCloseable {

    /** The separate ordered maps the store keeps. */
    enum Space {
        /** revision -> log entry (the value and how it changed the key): the source for watches and old reads. */
        LOG,
        /** key, NUL, revision -> version (kind, create revision, expiry, attributes): every retained version. */
        HISTORY,
        /**
         * key -> its latest version and that version's revision, deletions included until compacted: one point
         * lookup answers "what is this key now", which writes (compare-and-swap) and most reads need.
         */
        LATEST,
        /** attribute name, NUL, value, NUL, key -> nothing: the secondary index. */
        ATTRIBUTES,
        /** expiry millis, key -> nothing: keys in expiry order, for the TTL reaper. */
        EXPIRY,
        /** fixed names -> small values: the revision counter and compaction state. */
        META
    }

    /** The value of {@code key} in {@code space}, or {@code null}. */
    byte[] get(Space space, byte[] key);

    /**
     * A cursor over {@code space} restricted to {@code [lower, upper)}; {@code upper == null} means no upper bound.
     * The cursor starts unpositioned: call {@link Cursor#seek} or {@link Cursor#seekForPrev} first.
     */
    Cursor cursor(Space space, byte[] lower, byte[] upper);

    /** A new, empty batch of changes. */
    Batch batch();

    /** Applies {@code batch} atomically. Readers may see it at once; it is durable only after {@link #sync()}. */
    void apply(Batch batch);

    /** Makes every batch applied so far durable (one fsync for all of them). */
    void sync();

    /** Releases files and memory; the engine is unusable afterwards. */
    @Override
    void close();

    /** Changes to apply together. */
    interface Batch extends AutoCloseable {
        void put(Space space, byte[] key, byte[] value);

        void delete(Space space, byte[] key);

        /** Whether the batch holds no change. */
        boolean isEmpty();

        @Override
        void close();
    }

    /** Ordered iteration within the cursor's bounds. */
    interface Cursor extends AutoCloseable {
        /** Positions at the first entry whose key is at or after {@code key}. */
        void seek(byte[] key);

        /** Positions at the last entry whose key is at or before {@code key}. */
        void seekForPrev(byte[] key);

        /** Whether the cursor is at an entry within its bounds. */
        boolean valid();

        /** Moves to the next entry. */
        void next();

        byte[] key();

        byte[] value();

        @Override
        void close();
    }
}
