package io.kevents.recorder;

/**
 * An event object whose latest state did not reach the sink by the time the pipeline closed.
 *
 * @param namespace the event's namespace
 * @param name      the event object's name
 * @param type      Normal or Warning
 * @param reason    the event's reason
 * @param object    the regarding object as {@code kind/name}
 * @param count     occurrences recorded for it (series count or core/v1 count)
 * @param note      the event's text
 * @param why       why it was not delivered (the last error, or "close deadline passed")
 */
public record UndeliveredEvent(String namespace, String name, String type, String reason, String object,
                               int count, String note, String why) {
}
