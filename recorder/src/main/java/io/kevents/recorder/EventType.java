package io.kevents.recorder;

/** The two event types Kubernetes accepts. */
public final class EventType {

    /** Something expected happened. */
    public static final String NORMAL = "Normal";
    /** Something may need attention. */
    public static final String WARNING = "Warning";

    private EventType() {
    }

    /** Whether {@code type} is one of the two accepted types (case-sensitive, as the API server checks). */
    public static boolean isValid(String type) {
        return NORMAL.equals(type) || WARNING.equals(type);
    }
}
