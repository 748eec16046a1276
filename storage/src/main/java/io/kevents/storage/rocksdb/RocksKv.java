package io.kevents.storage.rocksdb;

import io.kevents.storage.StorageException;
import io.kevents.storage.mvcc.OrderedKv;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.TablePropertiesCollectorFactory;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded driver: RocksDB, one column family per space, all sharing one write-ahead log so a batch across
 * spaces is atomic. Batches are written without waiting for the disk; {@link #sync()} then syncs the log once for
 * all of them (group commit). Values live in RocksDB's files and its bounded block cache, never on the Java heap.
 *
 * <p>Chosen by measurement over SQLite (WAL) and H2's MVStore: see BENCHMARKS.md, "Storage".
 */
public final class RocksKv implements OrderedKv {

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /**
     * Calls and cursors in progress. Touching a closed RocksDB handle crashes the JVM, not just the caller, so
     * {@link #close()} refuses new users and waits for these to finish before freeing native memory.
     */
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean closed;
    private final Map<Space, ColumnFamilyHandle> handles = new EnumMap<>(Space.class);
    private final WriteOptions writeOptions;

    private RocksKv(Path dir, RocksOptions tuning) throws RocksDBException, IOException {
        Files.createDirectories(dir);
        Cache cache = own(new LRUCache(tuning.blockCacheBytes()));
        // Memtables of all spaces together stay within this budget, charged to the block cache.
        WriteBufferManager memtables = own(new WriteBufferManager(tuning.memtableBytes(), cache));
        DBOptions dbOptions = own(new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setMaxBackgroundJobs(2)
                .setBytesPerSync(1 << 20)
                .setMaxTotalWalSize(tuning.memtableBytes() * 2)
                .setWriteBufferManager(memtables)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(3)
                .setMaxLogFileSize(8 << 20));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, columnOptions(cache, tuning, false)));
        for (Space s : Space.values()) {
            byte[] columnFamily = s.name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            descriptors.add(new ColumnFamilyDescriptor(columnFamily, columnOptions(cache, tuning, s == Space.LOG)));
        }
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        this.db = RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
        for (int i = 0; i < Space.values().length; i++) {
            handles.put(Space.values()[i], opened.get(i + 1));
        }
        // Handles close before the database, the database before its options.
        resources.add(0, db);
        opened.forEach(h -> resources.add(0, h));
        this.writeOptions = own(new WriteOptions().setSync(false));
    }

    private ColumnFamilyOptions columnOptions(Cache cache, RocksOptions tuning, boolean log) {
        // Index and filter blocks stay in table-reader memory rather than competing with data in the block cache:
        // they are small (tens of MiB for millions of events) and evicting them turns every point lookup into a
        // read and parse of a whole index block.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(own(new BloomFilter(10)))
                .setCacheIndexAndFilterBlocks(false);
        // Only Options (not ColumnFamilyOptions) takes table-property collectors; copy from one. The collector
        // compacts files dense with deletions, which TTL expiry and history compaction leave behind.
        Options base = own(new Options());
        base.setTablePropertiesCollectorFactory(List.of(own(
                TablePropertiesCollectorFactory.NewCompactOnDeletionCollectorFactory(10_000, 5_000, 0.5))));
        ColumnFamilyOptions options = own(new ColumnFamilyOptions(base)
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(log ? tuning.memtableBytes() / 2 : tuning.memtableBytes() / 8)
                .setMaxWriteBufferNumber(3)
                .setLevelCompactionDynamicLevelBytes(true));
        if (log) {
            // Values (the serialized objects) go to blob files; the log's SST files keep only revisions and blob
            // references, so compactions move a few bytes per event instead of rewriting every value each level.
            options.setEnableBlobFiles(true)
                    .setMinBlobSize(256)
                    .setBlobFileSize(64L << 20)
                    .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setEnableBlobGarbageCollection(true)
                    .setBlobGarbageCollectionAgeCutoff(0.25);
        }
        return options;
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * Opens (creating if needed) the database in {@code dir}.
     *
     * @throws StorageException if RocksDB cannot open it (for example, another process has it open)
     */
    public static RocksKv open(Path dir, RocksOptions tuning) {
        try {
            return new RocksKv(dir, tuning);
        } catch (RocksDBException | IOException e) {
            throw new StorageException("cannot open RocksDB in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void enter() {
        users.incrementAndGet();
        if (closed) {
            users.decrementAndGet();
            throw new StorageException.Unavailable("store is closed", null);
        }
    }

    private void exit() {
        users.decrementAndGet();
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        enter();
        try {
            return db.get(handles.get(space), key);
        } catch (RocksDBException e) {
            throw new StorageException("RocksDB read failed: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    @Override
    public Cursor cursor(Space space, byte[] lower, byte[] upper) {
        enter();
        try {
            return new RocksCursor(handles.get(space), lower, upper);
        } catch (RuntimeException e) {
            exit();
            throw e;
        }
    }

    @Override
    public Batch batch() {
        return new RocksBatch();
    }

    @Override
    public void apply(Batch batch) {
        enter();
        try {
            db.write(writeOptions, ((RocksBatch) batch).batch);
        } catch (RocksDBException e) {
            throw new StorageException("RocksDB write failed: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    @Override
    public void sync() {
        enter();
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            throw new StorageException("RocksDB log sync failed: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (users.get() > 0) {
            if (System.nanoTime() > deadline) {
                // Freeing native memory under a running call would crash the process; leaking it is the lesser harm.
                org.slf4j.LoggerFactory.getLogger(RocksKv.class)
                        .error("kevents storage: RocksDB still in use 10 s after close; not releasing it");
                return;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // Closing native handles does not fail in practice; nothing useful to do if it did.
            }
        }
    }

    private final class RocksBatch implements Batch {
        private final WriteBatch batch = new WriteBatch();

        @Override
        public void put(Space space, byte[] key, byte[] value) {
            try {
                batch.put(handles.get(space), key, value);
            } catch (RocksDBException e) {
                throw new StorageException("RocksDB batch failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void delete(Space space, byte[] key) {
            try {
                batch.delete(handles.get(space), key);
            } catch (RocksDBException e) {
                throw new StorageException("RocksDB batch failed: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean isEmpty() {
            return batch.count() == 0;
        }

        @Override
        public void close() {
            batch.close();
        }
    }

    private final class RocksCursor implements Cursor {
        private final Slice lowerSlice;
        private final Slice upperSlice;
        private final ReadOptions options;
        private final RocksIterator it;
        private boolean released;

        RocksCursor(ColumnFamilyHandle handle, byte[] lower, byte[] upper) {
            lowerSlice = new Slice(lower);
            upperSlice = upper == null ? null : new Slice(upper);
            options = new ReadOptions().setIterateLowerBound(lowerSlice);
            if (upperSlice != null) {
                options.setIterateUpperBound(upperSlice);
            }
            it = db.newIterator(handle, options);
        }

        @Override
        public void seek(byte[] key) {
            it.seek(key);
        }

        @Override
        public void seekForPrev(byte[] key) {
            it.seekForPrev(key);
        }

        @Override
        public boolean valid() {
            if (it.isValid()) {
                return true;
            }
            try {
                it.status();
            } catch (RocksDBException e) {
                throw new StorageException("RocksDB read failed: " + e.getMessage(), e);
            }
            return false;
        }

        @Override
        public void next() {
            it.next();
        }

        @Override
        public byte[] key() {
            return it.key();
        }

        @Override
        public byte[] value() {
            return it.value();
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            it.close();
            options.close();
            lowerSlice.close();
            if (upperSlice != null) {
                upperSlice.close();
            }
            exit();
        }
    }
}
