package io.kevents.scheduler.framework;

/**
 * A node taint.
 *
 * @param key    e.g. {@code node-role.kubernetes.io/master}
 * @param value  may be empty (rendered as {@code {key: }} in messages)
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
 */
public record Taint(String key, String value, String effect) {

    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    public Taint {
        key = key == null ? "" : key;
        value = value == null ? "" : value;
        effect = effect == null ? "" : effect;
    }

    /** Whether the scheduler must keep pods that do not tolerate this taint off the node. */
    public boolean forbidsScheduling() {
        return NO_SCHEDULE.equals(effect) || NO_EXECUTE.equals(effect);
    }

    /** Converts a fabric8 taint. */
    public static Taint from(io.fabric8.kubernetes.api.model.Taint taint) {
        return new Taint(taint.getKey(), taint.getValue(), taint.getEffect());
    }
}
