package io.kevents.recorder.correlator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bounded map that forgets its least recently used entry (looked up or put), like client-go's {@code lru.Cache}.
 * Not thread-safe: the correlator's lock guards it.
 *
 * <p>Why not a {@code LinkedHashMap} in access order: the correlator's three caches see a new key on most events
 * of a storm (a new message, or an object the full cache has already forgotten), and a {@code LinkedHashMap} answers
 * every such miss, insertion and eviction by following pointers to entry objects scattered over the heap, one
 * cache miss each, which profiles showed to be a third of the correlator's time. Here the hash table is an array
 * of entry numbers and hash codes (linear probing), and the entries and their recency links live in parallel
 * arrays indexed by entry number, so a miss reads one array line and never touches a key; entry numbers are reused
 * on eviction and nothing is allocated per entry.
 */
final class LruCache<K, V> {

    private static final int NONE = -1;

    private final int capacity;
    private final int mask;
    /** Per table slot: entry number + 1, or 0 when the slot is free. */
    private final int[] slotEntry;
    /** Per table slot: the spread hash of its key, compared before any key is read. */
    private final int[] slotHash;
    private final Object[] keys;
    private final Object[] values;
    /** Per entry: its table slot, so that evicting it needs no lookup (and no read of its cold key). */
    private final int[] entrySlot;
    /** Recency order: a doubly linked list of entry numbers, least recently used first. */
    private final int[] older;
    private final int[] newer;
    private int eldest = NONE;
    private int youngest = NONE;
    private int size;

    /** @param capacity how many entries it keeps, at least 1 */
    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2; // a power of two, load ≤ 1/2
        this.mask = slots - 1;
        this.slotEntry = new int[slots];
        this.slotHash = new int[slots];
        this.keys = new Object[capacity];
        this.values = new Object[capacity];
        this.entrySlot = new int[capacity];
        this.older = new int[capacity];
        this.newer = new int[capacity];
    }

    /** The value of {@code key}, which becomes the most recently used, or {@code null}. */
    @SuppressWarnings("unchecked")
    V get(K key) {
        int slot = find(key, spread(key.hashCode()));
        if (slot == NONE) {
            return null;
        }
        int entry = slotEntry[slot] - 1;
        touch(entry);
        return (V) values[entry];
    }

    /** Maps {@code key} to {@code value} as the most recently used entry, forgetting the eldest if full. */
    void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        int hash = spread(key.hashCode());
        int slot = find(key, hash);
        if (slot != NONE) {
            int entry = slotEntry[slot] - 1;
            values[entry] = value;
            touch(entry);
            return;
        }
        int entry;
        if (size == capacity) {
            entry = eldest;
            removeSlot(entrySlot[entry]);
            unlink(entry);
        } else {
            entry = size++;
        }
        keys[entry] = key;
        values[entry] = value;
        linkYoungest(entry);
        int free = hash & mask;
        while (slotEntry[free] != 0) {
            free = (free + 1) & mask;
        }
        slotEntry[free] = entry + 1;
        slotHash[free] = hash;
        entrySlot[entry] = free;
    }

    /** The values, least recently used first. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> result = new ArrayList<>(size);
        for (int entry = eldest; entry != NONE; entry = newer[entry]) {
            result.add((V) values[entry]);
        }
        return result;
    }

    /** The number of entries. */
    int size() {
        return size;
    }

    private int find(Object key, int hash) {
        for (int slot = hash & mask; slotEntry[slot] != 0; slot = (slot + 1) & mask) {
            if (slotHash[slot] == hash && key.equals(keys[slotEntry[slot] - 1])) {
                return slot;
            }
        }
        return NONE;
    }

    /** Frees {@code slot}, moving later entries of its probe run back so that every key stays reachable. */
    private void removeSlot(int slot) {
        int gap = slot;
        for (int next = (gap + 1) & mask; slotEntry[next] != 0; next = (next + 1) & mask) {
            int home = slotHash[next] & mask;
            // The entry at `next` may fill the gap unless its home lies cyclically in (gap, next].
            boolean homeAfterGap = gap <= next ? gap < home && home <= next : gap < home || home <= next;
            if (!homeAfterGap) {
                slotEntry[gap] = slotEntry[next];
                slotHash[gap] = slotHash[next];
                entrySlot[slotEntry[gap] - 1] = gap;
                gap = next;
            }
        }
        slotEntry[gap] = 0;
    }

    private void touch(int entry) {
        if (entry != youngest) {
            unlink(entry);
            linkYoungest(entry);
        }
    }

    private void unlink(int entry) {
        int before = older[entry];
        int after = newer[entry];
        if (before == NONE) {
            eldest = after;
        } else {
            newer[before] = after;
        }
        if (after == NONE) {
            youngest = before;
        } else {
            older[after] = before;
        }
    }

    private void linkYoungest(int entry) {
        older[entry] = youngest;
        newer[entry] = NONE;
        if (youngest == NONE) {
            eldest = entry;
        } else {
            newer[youngest] = entry;
        }
        youngest = entry;
    }

    /** Mixes the high bits into the low ones, which pick the slot (the keys' hashes are sums of string hashes). */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
