package io.kevents.recorder.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    /** A key whose hash code is chosen, so that tests can make keys collide and probe runs wrap around. */
    private record Key(int id, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    private record Op(boolean put, Key key, int value) {
    }

    @Property(tries = 1000)
    void behavesLikeAnAccessOrderedLinkedHashMap(@ForAll @IntRange(min = 1, max = 9) int capacity,
                                                @ForAll("operations") List<Op> operations) {
        LruCache<Key, Integer> cache = new LruCache<>(capacity);
        Map<Key, Integer> model = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Integer> eldest) {
                return size() > capacity;
            }
        };
        for (Op op : operations) {
            if (op.put()) {
                cache.put(op.key(), op.value());
                model.put(op.key(), op.value());
            } else {
                assertThat(cache.get(op.key())).as("get %s", op.key()).isEqualTo(model.get(op.key()));
            }
            assertThat(cache.size()).isEqualTo(model.size());
            assertThat(cache.values()).containsExactlyElementsOf(new ArrayList<>(model.values()));
        }
        for (Key key : List.copyOf(model.keySet())) {
            assertThat(cache.get(key)).isEqualTo(model.get(key));
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        // Few ids and fewer hash codes: many collisions, long probe runs, evictions in the middle of runs.
        Arbitrary<Key> keys = Combinators.combine(Arbitraries.integers().between(0, 14),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 3), Arbitraries.integers())).as(Key::new);
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(true, false), keys, Arbitraries.integers().between(0, 99))
                .as(Op::new);
        return op.list().ofMaxSize(200);
    }

    @Test
    void forgetsTheLeastRecentlyUsedEntry() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).isEqualTo(1); // now b is the eldest
        cache.put("c", 3);

        assertThat(cache.get("b")).isNull();
        assertThat(cache.values()).containsExactly(1, 3);
    }
}
