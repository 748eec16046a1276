/**
 * The log-structured multi-version engine shared by the embedded and in-memory stores, after kine's design: a
 * revision log, per-key history, an attribute index and an expiry index on an ordered key-value driver
 * ({@link io.kevents.storage.mvcc.OrderedKv}), written by one group-committing writer.
 */
package io.kevents.storage.mvcc;
