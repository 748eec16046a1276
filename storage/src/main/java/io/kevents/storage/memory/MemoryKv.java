package io.kevents.storage.memory;

import io.kevents.storage.mvcc.OrderedKv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory driver: one concurrent sorted map per space. Nothing is durable; {@link #sync()} does nothing.
 */
public final class MemoryKv implements OrderedKv {

    private final Map<Space, ConcurrentSkipListMap<byte[], byte[]>> spaces = new EnumMap<>(Space.class);

    public MemoryKv() {
        for (Space s : Space.values()) {
            spaces.put(s, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        return spaces.get(space).get(key);
    }

    @Override
    public Cursor cursor(Space space, byte[] lower, byte[] upper) {
        return new MapCursor(spaces.get(space), lower, upper);
    }

    @Override
    public Batch batch() {
        return new ListBatch();
    }

    @Override
    public void apply(Batch batch) {
        for (Change c : ((ListBatch) batch).changes) {
            ConcurrentSkipListMap<byte[], byte[]> map = spaces.get(c.space);
            if (c.value == null) {
                map.remove(c.key);
            } else {
                map.put(c.key, c.value);
            }
        }
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
        spaces.values().forEach(Map::clear);
    }

    private record Change(Space space, byte[] key, byte[] value) {
    }

    private static final class ListBatch implements Batch {
        private final List<Change> changes = new ArrayList<>();

        @Override
        public void put(Space space, byte[] key, byte[] value) {
            changes.add(new Change(space, key, value));
        }

        @Override
        public void delete(Space space, byte[] key) {
            changes.add(new Change(space, key, null));
        }

        @Override
        public boolean isEmpty() {
            return changes.isEmpty();
        }

        @Override
        public void close() {
        }
    }

    /** Navigates by key lookups, so concurrent changes to the map never invalidate it. */
    private static final class MapCursor implements Cursor {
        private final ConcurrentSkipListMap<byte[], byte[]> map;
        private final byte[] lower;
        private final byte[] upper;
        private Map.Entry<byte[], byte[]> current;

        MapCursor(ConcurrentSkipListMap<byte[], byte[]> map, byte[] lower, byte[] upper) {
            this.map = map;
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        public void seek(byte[] key) {
            current = map.ceilingEntry(Arrays.compareUnsigned(key, lower) < 0 ? lower : key);
        }

        @Override
        public void seekForPrev(byte[] key) {
            current = map.floorEntry(key);
        }

        @Override
        public boolean valid() {
            return current != null && Arrays.compareUnsigned(current.getKey(), lower) >= 0
                    && (upper == null || Arrays.compareUnsigned(current.getKey(), upper) < 0);
        }

        @Override
        public void next() {
            current = map.higherEntry(current.getKey());
        }

        @Override
        public byte[] key() {
            return current.getKey();
        }

        @Override
        public byte[] value() {
            return current.getValue();
        }

        @Override
        public void close() {
        }
    }
}
