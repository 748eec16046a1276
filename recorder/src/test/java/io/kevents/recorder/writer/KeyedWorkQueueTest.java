package io.kevents.recorder.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {

    private final ManualClock clock = new ManualClock();
    private final KeyedWorkQueue<Object> queue = new KeyedWorkQueue<>(clock);

    @Test
    void addingAWaitingItemCoalesces() throws Exception {
        Object item = new Object();
        assertThat(queue.add(item)).isEqualTo(KeyedWorkQueue.Added.QUEUED);
        assertThat(queue.add(item)).isEqualTo(KeyedWorkQueue.Added.COALESCED);
        assertThat(queue.take(Duration.ZERO)).isSameAs(item);
        assertThat(queue.take(Duration.ZERO)).isNull();
    }

    @Test
    void anItemAddedWhileBeingWrittenWaitsForThatWrite() throws Exception {
        Object item = new Object();
        queue.add(item);
        assertThat(queue.take(Duration.ZERO)).isSameAs(item);
        queue.add(item);
        assertThat(queue.take(Duration.ZERO)).as("not handed out twice at once").isNull();
        queue.succeeded(item);
        assertThat(queue.take(Duration.ZERO)).isSameAs(item);
    }

    @Test
    void aParkedItemIsReleasedByTheClockNotByAdding() throws Exception {
        Object item = new Object();
        queue.add(item);
        queue.take(Duration.ZERO);
        assertThat(queue.retryAfter(item, Duration.ofSeconds(5))).isEqualTo(1);
        queue.add(item);
        assertThat(queue.take(Duration.ZERO)).isNull();
        clock.advance(Duration.ofSeconds(5));
        assertThat(queue.take(Duration.ZERO)).isSameAs(item);
        assertThat(queue.failures(item)).isEqualTo(1);
        queue.succeeded(item);
        assertThat(queue.failures(item)).isZero();
        assertThat(queue.awaitIdle(Duration.ZERO)).isTrue();
    }

    /** Random operation sequences never hand out an item twice at once and never lose an added item. */
    @Property
    void neverConcurrentNeverLost(@ForAll("operations") List<Integer> operations) throws Exception {
        KeyedWorkQueue<Object> q = new KeyedWorkQueue<>(new ManualClock());
        Object[] items = {new Object(), new Object(), new Object()};
        List<Object> inFlight = new ArrayList<>();
        boolean[] wanted = new boolean[items.length];
        for (int op : operations) {
            int index = op % items.length;
            switch (op / items.length) {
                case 0 -> {
                    q.add(items[index]);
                    wanted[index] = true;
                }
                case 1 -> {
                    Object taken = q.take(Duration.ZERO);
                    if (taken != null) {
                        assertThat(inFlight).doesNotContain(taken);
                        inFlight.add(taken);
                        wanted[indexOf(items, taken)] = false;
                    }
                }
                default -> {
                    if (!inFlight.isEmpty()) {
                        q.succeeded(inFlight.remove(0));
                    }
                }
            }
        }
        inFlight.forEach(q::succeeded);
        Object taken;
        while ((taken = q.take(Duration.ZERO)) != null) {
            wanted[indexOf(items, taken)] = false;
            q.succeeded(taken);
        }
        assertThat(wanted).containsOnly(false);
        assertThat(q.size()).isZero();
    }

    @Provide
    Arbitrary<List<Integer>> operations() {
        return Arbitraries.integers().between(0, 8).list().ofMaxSize(60);
    }

    private static int indexOf(Object[] items, Object item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        throw new AssertionError("unknown item");
    }
}
