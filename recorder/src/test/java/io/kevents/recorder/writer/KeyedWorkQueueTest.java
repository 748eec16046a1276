package io.kevents.recorder.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kevents.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {

    private final ManualClock clock = new ManualClock();
    /** Every item its own lane (an Object equals only itself). */
    private final KeyedWorkQueue<Object> queue = new KeyedWorkQueue<>(clock, item -> item);

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

    /** Items named "lane/n": the lane is the part before the slash. */
    private final KeyedWorkQueue<String> lanes = new KeyedWorkQueue<>(clock, item -> item.split("/")[0]);

    @Test
    void itemsOfOneLaneAreWrittenOneAtATimeInOrderWhileOtherLanesGoOn() throws Exception {
        String created = "pod-a/created";
        String started = "pod-a/started";
        String other = "pod-b/pulled";
        lanes.add(created);
        lanes.add(started);
        lanes.add(other);

        assertThat(lanes.take(Duration.ZERO)).isSameAs(created);
        // pod-a's next event waits for its first; pod-b's goes past it.
        assertThat(lanes.take(Duration.ZERO)).isSameAs(other);
        assertThat(lanes.take(Duration.ZERO)).isNull();
        lanes.succeeded(created);
        assertThat(lanes.take(Duration.ZERO)).isSameAs(started);
    }

    @Test
    void aParkedItemDoesNotHoldItsLane() throws Exception {
        String failing = "pod-a/failing";
        String next = "pod-a/next";
        lanes.add(failing);
        lanes.add(next);
        assertThat(lanes.take(Duration.ZERO)).isSameAs(failing);

        lanes.retryAfter(failing, Duration.ofSeconds(5));

        assertThat(lanes.take(Duration.ZERO)).isSameAs(next);
        lanes.succeeded(next);
        clock.advance(Duration.ofSeconds(5));
        assertThat(lanes.take(Duration.ZERO)).isSameAs(failing);
    }

    @Test
    void aWaitingTakerIsWokenWhenItsLaneIsFree() throws Exception {
        String first = "pod-a/first";
        String second = "pod-a/second";
        lanes.add(first);
        lanes.add(second);
        assertThat(lanes.take(Duration.ZERO)).isSameAs(first);
        CompletableFuture<String> taker = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return lanes.take(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

        lanes.succeeded(first);

        assertThat(taker.get(10, TimeUnit.SECONDS)).isSameAs(second);
    }

    /** Random operation sequences never hand out an item twice at once and never lose an added item. */
    @Property
    void neverConcurrentNeverLost(@ForAll("operations") List<Integer> operations) throws Exception {
        KeyedWorkQueue<Object> q = new KeyedWorkQueue<>(new ManualClock(), item -> item);
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
