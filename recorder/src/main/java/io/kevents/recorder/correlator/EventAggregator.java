package io.kevents.recorder.correlator;

import io.kevents.recorder.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

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
    private final Duration window;

    EventAggregator(CorrelatorOptions options) {
        this.records = new LruCache<>(options.cacheSize());
        this.maxEvents = options.aggregateMaxEvents();
        this.window = options.aggregateWindow();
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
        Instant now = event.time();
        Record record = records.get(key);
        if (record == null || Duration.between(record.lastSeen, now).compareTo(window) > 0) {
            record = new Record();
            records.put(key, record);
        }
        record.lastSeen = now;
        if (record.messages.get(message) == null) { // a hit moves the message to the most recent end
            record.messages.put(message, Boolean.TRUE);
        }
        if (record.messages.size() < maxEvents) {
            return new Aggregation(new CorrelationKeys.Dedupe(base, event, message), message);
        }
        record.messages.remove(record.messages.keySet().iterator().next());
        return new Aggregation(key, COMBINED_PREFIX + message);
    }

    /** Distinct recent messages of one group, least recently seen first. */
    private static final class Record {
        /** Access-ordered: iteration starts at the least recently seen message. */
        final LinkedHashMap<String, Boolean> messages = new LinkedHashMap<>(16, 0.75f, true);
        Instant lastSeen;
    }
}
