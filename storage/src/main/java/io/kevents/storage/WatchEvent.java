package io.kevents.storage;

/**
 * One change seen by a watch.
 *
 * @param type     what happened
 * @param kv       for PUT the new state; for DELETE the last value, with {@code modRevision} = the deletion revision
 * @param revision the revision of the change
 * @param created  for PUT, whether this write created the key (etcd: createRevision == modRevision)
 */
public record WatchEvent(Type type, KeyValue kv, long revision, boolean created) {

    /** Kinds of change. */
    public enum Type {
        /** A create or update. */
        PUT,
        /** A delete or a TTL expiry. */
        DELETE
    }
}
