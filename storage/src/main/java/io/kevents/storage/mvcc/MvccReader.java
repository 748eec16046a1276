package io.kevents.storage.mvcc;

import io.kevents.storage.KeyValue;
import io.kevents.storage.Keys;
import io.kevents.storage.ListOptions;
import io.kevents.storage.ListResult;
import io.kevents.storage.StorageException;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.mvcc.Codec.LogEntry;
import io.kevents.storage.mvcc.Codec.Version;
import io.kevents.storage.mvcc.OrderedKv.Cursor;
import io.kevents.storage.mvcc.OrderedKv.Space;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the state of the store at a revision: the latest version of each key at or before it. Any revision from
 * the last compaction to the visible one can be read, which is what makes list pages consistent.
 */
final class MvccReader {

    /** How many index entries per attribute to count when choosing which attribute drives a filtered list. */
    private static final int SELECTIVITY_PROBE = 256;

    private final OrderedKv kv;
    private final Revisions revisions;

    MvccReader(OrderedKv kv, Revisions revisions) {
        this.kv = kv;
        this.revisions = revisions;
    }

    /** The version of {@code key} at {@code revision}, or {@code null} if it had none (deletions included). */
    Version versionAt(byte[] key, long revision) {
        byte[] latest = kv.get(Space.LATEST, key);
        if (latest == null) {
            // Never written, or deleted and compacted, which is before any readable revision.
            return null;
        }
        if (Codec.latestRevision(latest) <= revision) {
            return Codec.decodeLatest(latest);
        }
        return historyVersionAt(key, revision);
    }

    /** The version of {@code key} at {@code revision} from the full history. */
    Version historyVersionAt(byte[] key, long revision) {
        try (Cursor c = kv.cursor(Space.HISTORY, Codec.historyStart(key), Codec.historyKey(key, revision + 1))) {
            c.seekForPrev(Codec.historyKey(key, revision));
            if (!c.valid()) {
                return null;
            }
            byte[] hk = c.key();
            if (!Codec.isHistoryOf(hk, key)) {
                return null;
            }
            return Codec.decodeVersion(Codec.historyRevision(hk), c.value());
        }
    }

    /** The latest version of {@code key}, deletions included, whatever its revision (the writer's view). */
    Version latest(byte[] key) {
        byte[] latest = kv.get(Space.LATEST, key);
        return latest == null ? null : Codec.decodeLatest(latest);
    }

    Optional<KeyValue> get(String key, byte[] keyBytes, long revision) {
        Version v = versionAt(keyBytes, revision);
        if (v == null || v.isDelete()) {
            return Optional.empty();
        }
        KeyValue kvAt = new KeyValue(key, value(v.revision()), v.createRevision(), v.revision());
        revisions.checkReadable(revision);
        return Optional.of(kvAt);
    }

    private byte[] value(long revision) {
        byte[] entry = kv.get(Space.LOG, Codec.logKey(revision));
        if (entry == null) {
            // Only a compaction running during the read removes a version it needs; the caller's re-check reports it.
            throw new StorageException.Compacted(revision, revisions.compacted());
        }
        return Codec.logValue(entry);
    }

    ListResult list(byte[] prefixBytes, ListOptions options, long revision) {
        byte[] lower = prefixBytes;
        if (options.startKey() != null) {
            byte[] start = Keys.bytes(options.startKey());
            if (Arrays.compareUnsigned(start, lower) > 0) {
                lower = start;
            }
        }
        byte[] upper = Keys.prefixEnd(prefixBytes);
        int limit = options.limit() == 0 ? Integer.MAX_VALUE : options.limit();
        List<KeyValue> items = new ArrayList<>(Math.min(limit, 1024));
        String next;
        if (upper != null && Arrays.compareUnsigned(lower, upper) >= 0) {
            next = null;
        } else if (options.attributes().isEmpty()) {
            next = scanLatest(lower, upper, revision, limit, items);
        } else {
            next = scanIndex(lower, upper, options.attributes(), revision, limit, items);
        }
        revisions.checkReadable(revision);
        return new ListResult(items, revision, next);
    }

    /**
     * Walks the latest version of every key in {@code [lower, upper)}; a key changed after the revision is looked
     * up in its history instead, so the cost is one entry per key plus one lookup per key changed since.
     */
    private String scanLatest(byte[] lower, byte[] upper, long revision, int limit, List<KeyValue> items) {
        try (Cursor c = kv.cursor(Space.LATEST, lower, upper)) {
            for (c.seek(lower); c.valid(); c.next()) {
                byte[] raw = c.value();
                Version v;
                if (Codec.latestRevision(raw) <= revision) {
                    v = Codec.decodeLatest(raw);
                } else {
                    v = historyVersionAt(c.key(), revision);
                }
                if (v == null || v.isDelete()) {
                    continue;
                }
                String key = new String(c.key(), StandardCharsets.UTF_8);
                if (items.size() == limit) {
                    return key;
                }
                items.add(new KeyValue(key, value(v.revision()), v.createRevision(), v.revision()));
            }
        }
        return null;
    }

    /** Walks the index entries of the most selective attribute and checks each candidate's version. */
    private String scanIndex(byte[] lower, byte[] upper, Map<String, String> attributes, long revision, int limit,
                             List<KeyValue> items) {
        Map.Entry<String, String> driver = mostSelective(attributes, lower, upper);
        byte[] indexPrefix = Codec.attributePrefix(driver.getKey(), driver.getValue());
        byte[] indexLower = Codec.attributeKey(driver.getKey(), driver.getValue(), lower);
        byte[] indexUpper = upper != null
                ? Codec.attributeKey(driver.getKey(), driver.getValue(), upper)
                : Keys.prefixEnd(indexPrefix);
        try (Cursor c = kv.cursor(Space.ATTRIBUTES, indexLower, indexUpper)) {
            for (c.seek(indexLower); c.valid(); c.next()) {
                byte[] ik = c.key();
                byte[] key = Arrays.copyOfRange(ik, indexPrefix.length, ik.length);
                Version v = versionAt(key, revision);
                // The index lists every retained version's attributes, so check this revision's version really has them.
                if (v == null || v.isDelete() || !matches(v, attributes)) {
                    continue;
                }
                String keyString = new String(key, StandardCharsets.UTF_8);
                if (items.size() == limit) {
                    return keyString;
                }
                items.add(new KeyValue(keyString, value(v.revision()), v.createRevision(), v.revision()));
            }
        }
        return null;
    }

    private static boolean matches(Version v, Map<String, String> attributes) {
        Map<String, String> have = v.attributes().values();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (!e.getValue().equals(have.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private Map.Entry<String, String> mostSelective(Map<String, String> attributes, byte[] lower, byte[] upper) {
        if (attributes.size() == 1) {
            return attributes.entrySet().iterator().next();
        }
        Map.Entry<String, String> best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            byte[] prefix = Codec.attributePrefix(e.getKey(), e.getValue());
            byte[] from = Codec.attributeKey(e.getKey(), e.getValue(), lower);
            byte[] to = upper != null ? Codec.attributeKey(e.getKey(), e.getValue(), upper) : Keys.prefixEnd(prefix);
            int count = 0;
            try (Cursor c = kv.cursor(Space.ATTRIBUTES, from, to)) {
                for (c.seek(from); c.valid() && count < SELECTIVITY_PROBE; c.next()) {
                    count++;
                }
            }
            if (count < bestCount) {
                best = e;
                bestCount = count;
            }
        }
        return best;
    }

    /** A slice of the log read for a watch: the events found and the last revision looked at. */
    record LogSlice(List<WatchEvent> events, long scannedTo) {
    }

    /**
     * Reads changes of keys in {@code [lower, upper)} with revisions in {@code (after, to]}, looking at no more than
     * {@code maxEntries} revisions.
     */
    LogSlice changes(byte[] lower, byte[] upper, long after, long to, int maxEntries) {
        revisions.checkReadable(after);
        List<WatchEvent> events = new ArrayList<>();
        long scannedTo = after;
        if (to > after) {
            byte[] from = Codec.logKey(after + 1);
            try (Cursor c = kv.cursor(Space.LOG, from, Codec.logKey(to + 1))) {
                int looked = 0;
                for (c.seek(from); c.valid() && looked < maxEntries; c.next(), looked++) {
                    long rev = Codec.readLong(c.key(), 0);
                    scannedTo = rev;
                    byte[] raw = c.value();
                    if (!Codec.logKeyIn(raw, lower, upper)) {
                        continue;
                    }
                    LogEntry e = Codec.decodeLog(rev, raw);
                    if (e.isDelete()) {
                        KeyValue last = new KeyValue(e.key(), value(e.prevRevision()), e.createRevision(), rev);
                        events.add(new WatchEvent(WatchEvent.Type.DELETE, last, rev, false));
                    } else {
                        KeyValue now = new KeyValue(e.key(), e.value(), e.createRevision(), rev);
                        events.add(new WatchEvent(WatchEvent.Type.PUT, now, rev, e.createRevision() == rev));
                    }
                }
                if (looked < maxEntries) {
                    // Nothing more in the range: revisions without a log entry (none today) count as seen.
                    scannedTo = to;
                }
            }
        }
        revisions.checkReadable(after);
        return new LogSlice(events, scannedTo);
    }
}
