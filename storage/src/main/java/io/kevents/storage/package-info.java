/**
 * Revisioned key-value storage with etcd's model, used by the API server for every resource: the
 * {@link io.kevents.storage.KeyValueStore} contract, {@link io.kevents.storage.Stores} to open a store from a URI,
 * and {@link io.kevents.storage.StoreRouter} to keep events in a store of their own.
 *
 * <p>Implementations: {@code rocksdb} (embedded, durable, the default), {@code etcd} (a real etcd cluster) and
 * {@code memory} (tests); the first and last share the log-structured engine in {@code mvcc}.
 */
package io.kevents.storage;
