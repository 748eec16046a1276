package io.kevents.storage.mvcc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a driver and counts the entries read per space, to prove that a query touched only what it needed. */
public final class CountingKv implements OrderedKv {

    private final OrderedKv inner;
    private final Map<Space, AtomicLong> reads = new EnumMap<>(Space.class);

    public CountingKv(OrderedKv inner) {
        this.inner = inner;
        for (Space s : Space.values()) {
            reads.put(s, new AtomicLong());
        }
    }

    /** Entries read (gets, seeks and steps that landed on an entry) in {@code space} since the last reset. */
    public long reads(Space space) {
        return reads.get(space).get();
    }

    public void reset() {
        reads.values().forEach(c -> c.set(0));
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        reads.get(space).incrementAndGet();
        return inner.get(space, key);
    }

    @Override
    public Cursor cursor(Space space, byte[] lower, byte[] upper) {
        Cursor c = inner.cursor(space, lower, upper);
        AtomicLong counter = reads.get(space);
        return new Cursor() {
            @Override
            public void seek(byte[] key) {
                c.seek(key);
                counter.incrementAndGet();
            }

            @Override
            public void seekForPrev(byte[] key) {
                c.seekForPrev(key);
                counter.incrementAndGet();
            }

            @Override
            public boolean valid() {
                return c.valid();
            }

            @Override
            public void next() {
                c.next();
                counter.incrementAndGet();
            }

            @Override
            public byte[] key() {
                return c.key();
            }

            @Override
            public byte[] value() {
                return c.value();
            }

            @Override
            public void close() {
                c.close();
            }
        };
    }

    @Override
    public Batch batch() {
        return inner.batch();
    }

    @Override
    public void apply(Batch batch) {
        inner.apply(batch);
    }

    @Override
    public void sync() {
        inner.sync();
    }

    @Override
    public void close() {
        inner.close();
    }
}
