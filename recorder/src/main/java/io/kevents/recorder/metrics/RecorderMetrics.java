package io.kevents.recorder.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What one event pipeline has done, counted without locks on the recording path and published to Micrometer.
 *
 * <p>Meters (all tagged {@code api=events.k8s.io/v1} or {@code api=v1}):
 * <ul>
 *   <li>{@code kevents.recorder.events.recorded}: calls accepted into the pipeline</li>
 *   <li>{@code kevents.recorder.events.dropped{reason=...}}: see {@link DropReason}</li>
 *   <li>{@code kevents.recorder.events.coalesced}: pending writes replaced by a newer state of the same event</li>
 *   <li>{@code kevents.recorder.notes.truncated}: notes cut to the API server's 1024-byte limit</li>
 *   <li>{@code kevents.recorder.sink.writes{operation=create|patch}}: successful sink writes</li>
 *   <li>{@code kevents.recorder.sink.retries}: writes retried after a retryable failure</li>
 *   <li>{@code kevents.recorder.queue.depth{queue=watchers|writes}}: events waiting for watchers; events with a
 *       write pending</li>
 * </ul>
 */
public final class RecorderMetrics {

    private final String api;
    private final LongAdder recorded = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final LongAdder creates = new LongAdder();
    private final LongAdder patches = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final CopyOnWriteArrayList<LongSupplier> watcherDepths = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<LongSupplier> writeDepths = new CopyOnWriteArrayList<>();

    /** @param api the event API this pipeline writes, used as a tag */
    public RecorderMetrics(String api) {
        this.api = api;
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    /** Publishes these counters to {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("api", api);
        FunctionCounter.builder("kevents.recorder.events.recorded", recorded, LongAdder::sum)
                .description("Events accepted into the pipeline").tags(tags).register(registry);
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("kevents.recorder.events.dropped", dropped.get(reason), LongAdder::sum)
                    .description("Events or writes that did not reach the sink")
                    .tags(tags.and("reason", reason.tag())).register(registry);
        }
        FunctionCounter.builder("kevents.recorder.events.coalesced", coalesced, LongAdder::sum)
                .description("Pending writes replaced by a newer state of the same event").tags(tags)
                .register(registry);
        FunctionCounter.builder("kevents.recorder.notes.truncated", truncated, LongAdder::sum)
                .description("Notes cut to 1024 bytes").tags(tags).register(registry);
        FunctionCounter.builder("kevents.recorder.sink.writes", creates, LongAdder::sum)
                .tags(tags.and("operation", "create")).register(registry);
        FunctionCounter.builder("kevents.recorder.sink.writes", patches, LongAdder::sum)
                .tags(tags.and("operation", "patch")).register(registry);
        FunctionCounter.builder("kevents.recorder.sink.retries", retries, LongAdder::sum)
                .description("Sink writes retried").tags(tags).register(registry);
        Gauge.builder("kevents.recorder.queue.depth", this, RecorderMetrics::watcherQueueDepth)
                .tags(tags.and("queue", "watchers")).register(registry);
        Gauge.builder("kevents.recorder.queue.depth", this, RecorderMetrics::pendingWrites)
                .tags(tags.and("queue", "writes")).register(registry);
    }

    /** Counts an accepted call. */
    public void recorded() {
        recorded.increment();
    }

    /** Counts a drop. */
    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    /** Counts {@code n} drops. */
    public void dropped(DropReason reason, long n) {
        if (n != 0) {
            dropped.get(reason).add(n);
        }
    }

    /** Counts a coalesced write. */
    public void coalesced() {
        coalesced.increment();
    }

    /** Counts a truncated note. */
    public void truncated() {
        truncated.increment();
    }

    /** Counts a successful create. */
    public void created() {
        creates.increment();
    }

    /** Counts a successful patch. */
    public void patched() {
        patches.increment();
    }

    /** Counts a retry. */
    public void retried() {
        retries.increment();
    }

    /** Adds a watcher queue to the depth gauge. */
    public void addWatcherQueue(LongSupplier depth) {
        watcherDepths.add(depth);
    }

    /** Adds a write queue to the depth gauge. */
    public void addWriteQueue(LongSupplier depth) {
        writeDepths.add(depth);
    }

    /** Events waiting in watcher queues now. */
    public long watcherQueueDepth() {
        return watcherDepths.stream().mapToLong(LongSupplier::getAsLong).sum();
    }

    /** Event objects with a write pending now. */
    public long pendingWrites() {
        return writeDepths.stream().mapToLong(LongSupplier::getAsLong).sum();
    }

    /** A consistent-enough copy of every counter, for tests, logs and benchmarks. */
    public Snapshot snapshot() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, adder) -> drops.put(reason, adder.sum()));
        return new Snapshot(recorded.sum(), drops, coalesced.sum(), truncated.sum(), creates.sum(), patches.sum(),
                retries.sum(), watcherQueueDepth(), pendingWrites());
    }

    /**
     * Counter values at one moment.
     *
     * @param recorded      accepted calls
     * @param dropped       drops by reason
     * @param coalesced     writes folded into a newer pending write
     * @param truncated     notes cut to 1024 bytes
     * @param creates       successful creates
     * @param patches       successful patches
     * @param retries       retried writes
     * @param watcherQueued events waiting for watchers
     * @param pendingWrites event objects waiting to be written
     */
    public record Snapshot(long recorded, Map<DropReason, Long> dropped, long coalesced, long truncated,
                           long creates, long patches, long retries, long watcherQueued, long pendingWrites) {

        /** Drops for one reason. */
        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L);
        }

        /** All successful sink writes. */
        public long writes() {
            return creates + patches;
        }
    }
}
