package io.kevents.storage.rocksdb;

/**
 * Memory budget of the embedded store. Both live outside the Java heap; together with the heap they bound the
 * process size.
 *
 * @param blockCacheBytes cache of data, index and filter blocks (reads)
 * @param memtableBytes   all memtables together (writes not yet flushed to files), charged to the block cache
 */
public record RocksOptions(long blockCacheBytes, long memtableBytes) {

    /** 256 MiB of cache, of which memtables may use 128 MiB. */
    public static final RocksOptions DEFAULTS = new RocksOptions(256L << 20, 128L << 20);

    public RocksOptions {
        if (blockCacheBytes < (8 << 20) || memtableBytes < (8 << 20)) {
            throw new IllegalArgumentException("give RocksDB at least 8 MiB of cache and of memtables");
        }
    }
}
