package io.kevents.bench.storage;

import io.kevents.bench.WorkDirectory;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The measurement that chose the embedded engine: the same event write pattern on SQLite (WAL), RocksDB and H2's
 * MVStore, each committed durably (with fsync) in groups of 1, 8 and 64 writes, as a group-committing writer with
 * that many concurrent callers would. Each write does what the embedded store must do for an event: read the
 * key's current revision (for compare-and-swap), append the value to the revision log, point the key at it, add
 * four attribute index entries and one expiry entry. Then 1,000 lookups by involved-object uid.
 */
final class EngineComparison {

    private final Path dir;
    private final double seconds;
    private final EventFixture fixture = new EventFixture(1024);

    EngineComparison(Path dir, double seconds) {
        this.dir = dir;
        this.seconds = seconds;
    }

    void run(List<String> engines) throws Exception {
        System.out.printf("%-8s %6s %12s %10s%n", "engine", "group", "writes/s", "fsyncs/s");
        for (String name : engines) {
            Path engineDir = Files.createTempDirectory(dir, name);
            try (Engine engine = open(name, engineDir)) {
                long next = 0;
                for (int group : new int[] {1, 8, 64}) {
                    long start = System.nanoTime();
                    long deadline = start + (long) (seconds * 1e9);
                    long written = 0;
                    long commits = 0;
                    List<EventFixture.Event> batch = new ArrayList<>(group);
                    while (System.nanoTime() < deadline) {
                        batch.clear();
                        for (int i = 0; i < group; i++) {
                            batch.add(fixture.event(next++));
                        }
                        engine.writeDurably(batch);
                        written += group;
                        commits++;
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.out.printf("%-8s %6d %12.0f %10.0f%n", name, group, written / elapsed, commits / elapsed);
                }
                Random random = new Random(42);
                long start = System.nanoTime();
                int found = 0;
                for (int i = 0; i < 1000; i++) {
                    found += engine.lookupByUid(fixture.uidOf(random.nextLong(next)));
                }
                double perLookupMs = (System.nanoTime() - start) / 1e6 / 1000;
                System.out.printf("%-8s lookup by uid among %d events: %.3f ms each (%d found), disk %d MiB%n",
                        name, next, perLookupMs, found, sizeOf(engineDir) >> 20);
            } finally {
                WorkDirectory.deleteTree(engineDir);
            }
        }
    }

    private static Engine open(String name, Path dir) throws Exception {
        return switch (name) {
            case "sqlite" -> new Sqlite(dir);
            case "rocksdb" -> new Rocks(dir);
            case "mvstore" -> new MvStore(dir);
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }

    private interface Engine extends AutoCloseable {
        void writeDurably(List<EventFixture.Event> batch) throws Exception;

        int lookupByUid(String uid) throws Exception;
    }

    private static final class Sqlite implements Engine {
        private final Connection db;
        private final PreparedStatement current;
        private final PreparedStatement log;
        private final PreparedStatement point;
        private final PreparedStatement attr;
        private final PreparedStatement ttl;
        private final PreparedStatement lookup;
        private long rev;

        Sqlite(Path dir) throws SQLException {
            db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kv.db"));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE log(rev INTEGER PRIMARY KEY, key TEXT NOT NULL, deleted INTEGER NOT NULL,"
                        + " create_rev INTEGER NOT NULL, prev_rev INTEGER NOT NULL, value BLOB)");
                s.execute("CREATE TABLE cur(key TEXT PRIMARY KEY, rev INTEGER NOT NULL, expires INTEGER NOT NULL)"
                        + " WITHOUT ROWID");
                s.execute("CREATE TABLE attr(name TEXT, value TEXT, key TEXT, PRIMARY KEY(name, value, key))"
                        + " WITHOUT ROWID");
                s.execute("CREATE TABLE ttl(expires INTEGER, key TEXT, PRIMARY KEY(expires, key)) WITHOUT ROWID");
            }
            db.setAutoCommit(false);
            current = db.prepareStatement("SELECT rev FROM cur WHERE key = ?");
            log = db.prepareStatement("INSERT INTO log VALUES (?, ?, 0, ?, 0, ?)");
            point = db.prepareStatement("INSERT OR REPLACE INTO cur VALUES (?, ?, ?)");
            attr = db.prepareStatement("INSERT OR REPLACE INTO attr VALUES (?, ?, ?)");
            ttl = db.prepareStatement("INSERT OR REPLACE INTO ttl VALUES (?, ?)");
            lookup = db.prepareStatement("SELECT l.key, l.value FROM attr a JOIN cur c ON c.key = a.key"
                    + " JOIN log l ON l.rev = c.rev WHERE a.name = 'involvedObject.uid' AND a.value = ?");
        }

        @Override
        public void writeDurably(List<EventFixture.Event> batch) throws SQLException {
            for (EventFixture.Event e : batch) {
                current.setString(1, e.key());
                try (ResultSet rs = current.executeQuery()) {
                    rs.next();
                }
                long r = ++rev;
                log.setLong(1, r);
                log.setString(2, e.key());
                log.setLong(3, r);
                log.setBytes(4, e.value());
                log.executeUpdate();
                point.setString(1, e.key());
                point.setLong(2, r);
                point.setLong(3, r + 3_600_000);
                point.executeUpdate();
                for (Map.Entry<String, String> a : e.attributes().values().entrySet()) {
                    attr.setString(1, a.getKey());
                    attr.setString(2, a.getValue());
                    attr.setString(3, e.key());
                    attr.executeUpdate();
                }
                ttl.setLong(1, r + 3_600_000);
                ttl.setString(2, e.key());
                ttl.executeUpdate();
            }
            db.commit();
        }

        @Override
        public int lookupByUid(String uid) throws SQLException {
            lookup.setString(1, uid);
            int n = 0;
            try (ResultSet rs = lookup.executeQuery()) {
                while (rs.next()) {
                    rs.getBytes(2);
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() throws SQLException {
            db.close();
        }
    }

    private static final class Rocks implements Engine {
        static {
            RocksDB.loadLibrary();
        }

        private final DBOptions options;
        private final ColumnFamilyOptions cfOptions;
        private final RocksDB db;
        private final List<ColumnFamilyHandle> handles = new ArrayList<>();
        private final WriteOptions sync = new WriteOptions().setSync(true);
        private long rev;

        Rocks(Path dir) throws RocksDBException {
            options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            cfOptions = new ColumnFamilyOptions();
            List<ColumnFamilyDescriptor> cfs = Stream.of("default", "log", "cur", "attr", "ttl")
                    .map(n -> new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), cfOptions)).toList();
            db = RocksDB.open(options, dir.toString(), cfs, handles);
        }

        @Override
        public void writeDurably(List<EventFixture.Event> batch) throws RocksDBException {
            try (WriteBatch wb = new WriteBatch()) {
                for (EventFixture.Event e : batch) {
                    byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
                    db.get(handles.get(2), key);
                    long r = ++rev;
                    byte[] revBytes = ByteBuffer.allocate(8).putLong(r).array();
                    byte[] record = ByteBuffer.allocate(4 + key.length + e.value().length)
                            .putInt(key.length).put(key).put(e.value()).array();
                    wb.put(handles.get(1), revBytes, record);
                    wb.put(handles.get(2), key, ByteBuffer.allocate(16).putLong(r).putLong(r + 3_600_000).array());
                    for (Map.Entry<String, String> a : e.attributes().values().entrySet()) {
                        wb.put(handles.get(3), (a.getKey() + '\0' + a.getValue() + '\0' + e.key())
                                .getBytes(StandardCharsets.UTF_8), new byte[0]);
                    }
                    wb.put(handles.get(4), ByteBuffer.allocate(8 + key.length).putLong(r + 3_600_000).put(key).array(),
                            new byte[0]);
                }
                db.write(sync, wb);
            }
        }

        @Override
        public int lookupByUid(String uid) throws RocksDBException {
            byte[] prefix = ("involvedObject.uid\0" + uid + '\0').getBytes(StandardCharsets.UTF_8);
            byte[] upper = Arrays.copyOf(prefix, prefix.length);
            upper[upper.length - 1]++;
            int n = 0;
            try (Slice bound = new Slice(upper);
                 ReadOptions ro = new ReadOptions().setIterateUpperBound(bound);
                 RocksIterator it = db.newIterator(handles.get(3), ro)) {
                for (it.seek(prefix); it.isValid(); it.next()) {
                    byte[] k = it.key();
                    byte[] key = Arrays.copyOfRange(k, prefix.length, k.length);
                    byte[] cur = db.get(handles.get(2), key);
                    byte[] revBytes = Arrays.copyOf(cur, 8);
                    if (db.get(handles.get(1), revBytes) != null) {
                        n++;
                    }
                }
            }
            return n;
        }

        @Override
        public void close() {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            options.close();
            cfOptions.close();
            sync.close();
        }
    }

    private static final class MvStore implements Engine {
        private final MVStore store;
        private final MVMap<Long, byte[]> log;
        private final MVMap<String, long[]> cur;
        private final MVMap<String, Boolean> attr;
        private final MVMap<String, Boolean> ttl;
        private long rev;

        MvStore(Path dir) {
            store = new MVStore.Builder().fileName(dir.resolve("kv.mv").toString()).autoCommitDisabled().open();
            log = store.openMap("log");
            cur = store.openMap("cur");
            attr = store.openMap("attr");
            ttl = store.openMap("ttl");
        }

        @Override
        public void writeDurably(List<EventFixture.Event> batch) {
            for (EventFixture.Event e : batch) {
                cur.get(e.key());
                long r = ++rev;
                log.put(r, e.value());
                cur.put(e.key(), new long[] {r, r + 3_600_000});
                for (Map.Entry<String, String> a : e.attributes().values().entrySet()) {
                    attr.put(a.getKey() + '\0' + a.getValue() + '\0' + e.key(), Boolean.TRUE);
                }
                ttl.put(String.format("%016x", r + 3_600_000) + e.key(), Boolean.TRUE);
            }
            store.commit();
            store.sync();
        }

        @Override
        public int lookupByUid(String uid) {
            String prefix = "involvedObject.uid\0" + uid + '\0';
            int n = 0;
            for (String k = attr.ceilingKey(prefix); k != null && k.startsWith(prefix); k = attr.higherKey(k)) {
                long[] c = cur.get(k.substring(prefix.length()));
                if (log.get(c[0]) != null) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void close() {
            store.close();
        }
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
