package io.kevents.model;

import java.time.Duration;

/**
 * Kubernetes' short relative times ({@code 11s}, {@code 2m57s}, {@code 13m}, {@code 26d}), as {@code kubectl get}
 * and {@code kubectl describe} print ages. Precision drops as the duration grows: seconds below two minutes,
 * minutes and seconds below ten minutes, minutes below three hours, and so on.
 */
public final class HumanDuration {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    private HumanDuration() {
    }

    /** Formats {@code duration}; slightly negative values (clock skew up to a second) print as {@code 0s}. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 2 * MINUTE) {
            return seconds + "s";
        }
        if (seconds < 10 * MINUTE) {
            return withRemainder(seconds / MINUTE, "m", seconds % MINUTE, "s");
        }
        if (seconds < 3 * HOUR) {
            return seconds / MINUTE + "m";
        }
        if (seconds < 8 * HOUR) {
            return withRemainder(seconds / HOUR, "h", seconds % HOUR / MINUTE, "m");
        }
        if (seconds < 48 * HOUR) {
            return seconds / HOUR + "h";
        }
        if (seconds < 8 * DAY) {
            return withRemainder(seconds / DAY, "d", seconds % DAY / HOUR, "h");
        }
        if (seconds < 2 * YEAR) {
            return seconds / DAY + "d";
        }
        if (seconds < 8 * YEAR) {
            return withRemainder(seconds / YEAR, "y", seconds % YEAR / DAY, "d");
        }
        return seconds / YEAR + "y";
    }

    /** The age of {@code then} at {@code now}, or {@code <unknown>} when {@code then} is {@code null}. */
    public static String since(java.time.Instant then, java.time.Instant now) {
        return then == null ? "<unknown>" : format(Duration.between(then, now));
    }

    private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
    }
}
