package io.kevents.recorder.correlator;

import io.kevents.recorder.EventNameGenerator;
import io.kevents.recorder.RecordedEvent;
import io.kevents.recorder.metrics.RecorderMetrics;
import io.kevents.recorder.sink.LegacyEventSink;
import java.util.ArrayList;
import java.util.List;

/**
 * client-go's {@code EventCorrelator} for core/v1 events, in its order: aggregate similar events, then fold
 * identical ones into one object with a count, then apply the spam filter. Not thread-safe: the owning watcher
 * holds this correlator's lock around every call.
 */
final class EventCorrelator {

    private final EventAggregator aggregator;
    private final LruCache<Object, CorrelatedEvent> events;
    private final SpamFilter spamFilter;
    private final EventNameGenerator names;
    private final Object lock;
    private final LegacyEventSink sink;
    private final RecorderMetrics metrics;

    EventCorrelator(CorrelatorOptions options, EventNameGenerator names, Object lock, LegacyEventSink sink,
                    RecorderMetrics metrics) {
        this.names = names;
        this.aggregator = new EventAggregator(options);
        this.events = new LruCache<>(options.cacheSize());
        this.spamFilter = new SpamFilter(options);
        this.lock = lock;
        this.sink = sink;
        this.metrics = metrics;
    }

    /**
     * What correlating one occurrence decided.
     *
     * @param event   the event object it belongs to, already counting it
     * @param allowed whether the spam filter lets it be written now
     */
    record Correlation(CorrelatedEvent event, boolean allowed) {
    }

    Correlation correlate(RecordedEvent occurrence, long nowNanos) {
        CorrelationKeys.Spam sourceObjectType = new CorrelationKeys.Spam(occurrence);
        EventAggregator.Aggregation aggregation = aggregator.aggregate(occurrence, sourceObjectType);
        CorrelatedEvent event = events.get(aggregation.key());
        if (event == null) {
            event = new CorrelatedEvent(names, occurrence, aggregation.message(), lock, sink, metrics);
            events.put(aggregation.key(), event);
        } else {
            event.observe(occurrence, aggregation.message());
        }
        return new Correlation(event, spamFilter.allows(sourceObjectType, nowNanos));
    }

    /** Remembered event objects whose latest count has not been written. */
    List<CorrelatedEvent> unwritten() {
        List<CorrelatedEvent> result = new ArrayList<>();
        for (CorrelatedEvent event : events.values()) {
            if (event.hasUnwrittenOccurrences()) {
                result.add(event);
            }
        }
        return result;
    }
}
