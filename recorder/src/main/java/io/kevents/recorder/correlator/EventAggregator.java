package io.kevents.recorder.correlator;

import io.kevents.model.EventNames;
import io.kevents.recorder.RecordedEvent;

/**
 * Folds bursts of similar events with different messages into one "(combined from similar events): ..." event,
 * as client-go's {@code EventAggregator} does: once {@code maxEvents} distinct messages of similar events were seen
 * within a sliding window, further new messages are reported as the combined event.
 *
 * <p>Deterministic where client-go is not: client-go forgets an arbitrary remembered message ({@code PopAny}) each
 * time it aggregates, so whether a repeated message is combined depends on map iteration order; here the least
 * recently seen message is forgotten.
 */
final class EventAggregator {

    /** Prefix of a combined event's message (client-go's text). */
    static final String COMBINED_PREFIX = "(combined from similar events): ";

    private final LruCache<CorrelationKeys.Aggregate, Record> records;
    private final int maxEvents;
    private final long windowNanos;

    EventAggregator(CorrelatorOptions options) {
        this.records = new LruCache<>(options.cacheSize());
        this.maxEvents = options.aggregateMaxEvents();
        this.windowNanos = options.aggregateWindow().toNanos();
    }

    /**
     * The result of aggregating one event.
     *
     * @param key     what the dedupe step groups it by
     * @param message the message to write
     */
    record Aggregation(Object key, String message) {
    }

    Aggregation aggregate(RecordedEvent event, CorrelationKeys.Spam base) {
        String message = event.noteText();
        CorrelationKeys.Aggregate key = new CorrelationKeys.Aggregate(base, event);
        long now = EventNames.unixNanos(event.time());
        Record record = records.get(key);
        if (record == null || now - record.lastSeen > windowNanos) {
            record = new Record(maxEvents);
            records.put(key, record);
        }
        record.lastSeen = now;
        if (!record.messages.seeAndCheckFull(message)) {
            return new Aggregation(new CorrelationKeys.Dedupe(base, event, message), message);
        }
        return new Aggregation(key, COMBINED_PREFIX + message);
    }

    /** One group of similar events: its recent distinct messages and when it was last seen. */
    private static final class Record {
        final RecentMessages messages;
        /** Epoch nanoseconds. */
        long lastSeen;

        Record(int maxEvents) {
            this.messages = new RecentMessages(maxEvents);
        }
    }
}
