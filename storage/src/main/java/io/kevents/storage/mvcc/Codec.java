package io.kevents.storage.mvcc;

import io.kevents.storage.Attributes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Byte layouts of everything {@link MvccStore} keeps in an {@link OrderedKv}. Revisions and times are 8-byte
 * big-endian, so byte order is numeric order; composite keys use NUL as the separator, which keys, attribute names
 * and attribute values never contain.
 */
final class Codec {

    static final byte PUT = 1;
    static final byte DELETE = 2;

    static final byte[] META_REVISION = "revision".getBytes(StandardCharsets.US_ASCII);
    static final byte[] META_COMPACTED = "compacted".getBytes(StandardCharsets.US_ASCII);
    static final byte[] META_COMPACT_PROGRESS = "compact-progress".getBytes(StandardCharsets.US_ASCII);
    static final byte[] META_FORMAT = "format".getBytes(StandardCharsets.US_ASCII);
    /** The layout described here; a store written in another layout is refused rather than misread. */
    static final long FORMAT = 1;

    private static final byte[] EMPTY = new byte[0];

    private Codec() {
    }

    static byte[] empty() {
        return EMPTY;
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long readLong(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes, offset, 8).getLong();
    }

    // ---- LOG: revision -> entry

    static byte[] logKey(long revision) {
        return longBytes(revision);
    }

    /** One change: what a watch replays, and where values live. */
    record LogEntry(long revision, byte type, String key, long createRevision, long prevRevision, byte[] value) {
        boolean isDelete() {
            return type == DELETE;
        }
    }

    static byte[] encodeLog(byte type, byte[] key, long createRevision, long prevRevision, byte[] value) {
        return ByteBuffer.allocate(1 + 8 + 8 + 4 + key.length + value.length)
                .put(type).putLong(createRevision).putLong(prevRevision).putInt(key.length).put(key).put(value)
                .array();
    }

    static LogEntry decodeLog(long revision, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte type = in.get();
        long create = in.getLong();
        long prev = in.getLong();
        int keyLength = in.getInt();
        String key = new String(bytes, in.position(), keyLength, StandardCharsets.UTF_8);
        int valueStart = in.position() + keyLength;
        byte[] value = Arrays.copyOfRange(bytes, valueStart, bytes.length);
        return new LogEntry(revision, type, key, create, prev, value);
    }

    /** Whether the key of an encoded log entry lies in {@code [lower, upper)} (upper null = unbounded). */
    static boolean logKeyIn(byte[] entry, byte[] lower, byte[] upper) {
        int keyLength = ByteBuffer.wrap(entry, 17, 4).getInt();
        int from = 21;
        int to = from + keyLength;
        if (Arrays.compareUnsigned(entry, from, to, lower, 0, lower.length) < 0) {
            return false;
        }
        return upper == null || Arrays.compareUnsigned(entry, from, to, upper, 0, upper.length) < 0;
    }

    /** The value bytes of an encoded log entry. */
    static byte[] logValue(byte[] entry) {
        int keyLength = ByteBuffer.wrap(entry, 17, 4).getInt();
        return Arrays.copyOfRange(entry, 21 + keyLength, entry.length);
    }

    // ---- HISTORY: key NUL revision -> version

    static byte[] historyKey(byte[] key, long revision) {
        return ByteBuffer.allocate(key.length + 9).put(key).put((byte) 0).putLong(revision).array();
    }

    /** The first history key of {@code key}: every version of the key sorts at or after it. */
    static byte[] historyStart(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    static long historyRevision(byte[] historyKey) {
        return readLong(historyKey, historyKey.length - 8);
    }

    /** Whether {@code historyKey} is a version of {@code key}. */
    static boolean isHistoryOf(byte[] historyKey, byte[] key) {
        return historyKey.length == key.length + 9
                && Arrays.equals(historyKey, 0, key.length, key, 0, key.length)
                && historyKey[key.length] == 0;
    }

    /**
     * One retained version of a key: enough for compare-and-swap, expiry and attribute filtering without reading
     * the value.
     */
    record Version(long revision, byte type, long createRevision, long expiresAtMillis, Attributes attributes) {
        boolean isDelete() {
            return type == DELETE;
        }
    }

    static byte[] encodeVersion(byte type, long createRevision, long expiresAtMillis, Attributes attributes) {
        int size = 1 + 8 + 8 + 2;
        Map<String, String> values = attributes.values();
        byte[][] parts = new byte[values.size() * 2][];
        int i = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            parts[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            parts[i + 1] = e.getValue().getBytes(StandardCharsets.UTF_8);
            size += 4 + parts[i].length + parts[i + 1].length;
            i += 2;
        }
        ByteBuffer out = ByteBuffer.allocate(size)
                .put(type).putLong(createRevision).putLong(expiresAtMillis).putShort((short) values.size());
        for (byte[] part : parts) {
            out.putShort((short) part.length).put(part);
        }
        return out.array();
    }

    static Version decodeVersion(long revision, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte type = in.get();
        long create = in.getLong();
        long expires = in.getLong();
        int count = in.getShort();
        if (count == 0) {
            return new Version(revision, type, create, expires, Attributes.NONE);
        }
        Map<String, String> attributes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            attributes.put(readShortString(in), readShortString(in));
        }
        return new Version(revision, type, create, expires, new Attributes(attributes));
    }

    private static String readShortString(ByteBuffer in) {
        int length = in.getShort() & 0xffff;
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    // ---- LATEST: key -> revision, version

    static byte[] encodeLatest(long revision, byte[] version) {
        return ByteBuffer.allocate(8 + version.length).putLong(revision).put(version).array();
    }

    static Version decodeLatest(byte[] bytes) {
        return decodeVersion(readLong(bytes, 0), Arrays.copyOfRange(bytes, 8, bytes.length));
    }

    static long latestRevision(byte[] bytes) {
        return readLong(bytes, 0);
    }

    // ---- ATTRIBUTES: name NUL value NUL key -> nothing

    static byte[] attributePrefix(String name, String value) {
        return (name + '\0' + value + '\0').getBytes(StandardCharsets.UTF_8);
    }

    static byte[] attributeKey(String name, String value, byte[] key) {
        byte[] prefix = attributePrefix(name, value);
        byte[] out = Arrays.copyOf(prefix, prefix.length + key.length);
        System.arraycopy(key, 0, out, prefix.length, key.length);
        return out;
    }

    /**
     * Checks that attribute names and values can be indexed.
     *
     * @throws IllegalArgumentException if one contains NUL or is longer than 65,535 bytes
     */
    static void checkAttributes(Attributes attributes) {
        for (Map.Entry<String, String> e : attributes.values().entrySet()) {
            for (String s : new String[] {e.getKey(), e.getValue()}) {
                if (s.indexOf('\0') >= 0 || s.length() > 16_000) {
                    throw new IllegalArgumentException("attribute names and values must be short and free of NUL: "
                            + e.getKey());
                }
            }
            if (e.getKey().isEmpty()) {
                throw new IllegalArgumentException("attribute names must not be empty");
            }
        }
    }

    // ---- EXPIRY: millis key -> nothing

    static byte[] expiryKey(long expiresAtMillis, byte[] key) {
        return ByteBuffer.allocate(8 + key.length).putLong(expiresAtMillis).put(key).array();
    }

    static long expiryMillis(byte[] expiryKey) {
        return readLong(expiryKey, 0);
    }

    static byte[] expiryUserKey(byte[] expiryKey) {
        return Arrays.copyOfRange(expiryKey, 8, expiryKey.length);
    }
}
