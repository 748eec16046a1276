package io.kevents.recorder.correlator;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded map that forgets its least recently used entry. Not thread-safe: the correlator's lock guards it. */
final class LruCache<K, V> extends LinkedHashMap<K, V> {

    private final int capacity;

    LruCache(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
